import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Response } from 'express';

/** About how often a trickled answer sends a chunk when its body is long enough. */
const TRICKLE_STEP_MS = 50;

/** How an answer leaves the sandbox when a fault shapes it. */
export interface AnswerShape {
  /** Spread the body's bytes evenly over this many ms (headers at once). */
  trickleMs?: number;
  /** Send only the first half of the body, then reset the connection. */
  cutMidway?: boolean;
}

/** Destroys the connection with a TCP reset (RST) where the platform supports it, else closes it. */
export function resetConnection(socket: Socket | null | undefined): void {
  if (!socket || socket.destroyed) return;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/** The page a gateway (nginx) in front of WeChat answers with when WeChat is unreachable. */
export function gatewayErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** Answers `status` with a gateway's HTML page or an empty body, as WeChat's front ends do when it is down. */
export function sendStatusFault(res: Response, status: number, body: 'html' | 'empty'): void {
  res.status(status);
  if (body === 'empty') {
    res.setHeader('Content-Length', '0');
    res.end();
  } else {
    res.type('html').send(gatewayErrorPage(status));
  }
}

/** `body` cut into at most `trickleMs / TRICKLE_STEP_MS` pieces of equal size (at least one byte each). */
function piecesOf(body: Buffer, trickleMs: number): Buffer[] {
  if (body.length === 0) return [body];
  const count = Math.min(body.length, Math.max(1, Math.ceil(trickleMs / TRICKLE_STEP_MS)));
  const size = Math.ceil(body.length / count);
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += size) pieces.push(body.subarray(offset, offset + size));
  return pieces;
}

function bytesOf(chunk: unknown, encoding: unknown): Buffer {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return Buffer.alloc(0);
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}

/**
 * Makes the answer `res` will send leave as `shape` says: the endpoint (or the fault) answers as usual through
 * `res.end`, which is replaced here. The headers go at once (with the full `Content-Length`); the body follows in
 * timed chunks, or half of it before a reset. Stops as soon as the client goes away.
 */
export function shapeAnswer(res: Response, shape: AnswerShape): void {
  const end = res.end.bind(res) as (chunk?: unknown, encoding?: BufferEncoding) => Response;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  res.once('close', () => {
    closed = true;
    clearTimeout(timer);
  });
  const sendLast = (piece: Buffer): void => {
    if (closed) return;
    // The callback runs once the bytes are handed to the kernel: the reset must not discard them.
    if (shape.cutMidway) res.write(piece, () => resetConnection(res.socket));
    else end(piece);
  };
  res.end = ((chunk?: unknown, encoding?: unknown) => {
    const whole = bytesOf(chunk, encoding);
    const body = shape.cutMidway ? whole.subarray(0, Math.floor(whole.length / 2)) : whole;
    if (shape.trickleMs === undefined) {
      if (shape.cutMidway) res.flushHeaders();
      sendLast(body);
      return res;
    }
    res.flushHeaders();
    const pieces = piecesOf(body, shape.trickleMs);
    const stepMs = shape.trickleMs / pieces.length;
    let next = 0;
    const sendNext = (): void => {
      if (closed) return;
      const piece = pieces[next++]!;
      if (next === pieces.length) {
        sendLast(piece);
        return;
      }
      res.write(piece);
      timer = setTimeout(sendNext, stepMs);
    };
    timer = setTimeout(sendNext, stepMs);
    return res;
  }) as Response['end'];
}
