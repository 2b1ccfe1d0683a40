import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidPushError } from '../errors/wechat-component.errors.js';

/** A request as an adapter may hand it over: untouched, or with a body some parser already read. */
export type PushRequest = IncomingMessage & { body?: unknown; rawBody?: Buffer };

/** How much of a push body is read, and for how long. */
export interface BodyLimits {
  /** Largest body, in bytes; a larger one is refused with 413. */
  readonly maxBytes: number;
  /** The whole body must arrive within this many ms of the start of reading; else 408. */
  readonly timeoutMs: number;
}

/** The body limits of the webhook options. */
export function bodyLimits(webhook: { readonly maxBodyBytes: number; readonly bodyTimeoutMs: number }): BodyLimits {
  return { maxBytes: webhook.maxBodyBytes, timeoutMs: webhook.bodyTimeoutMs };
}

/**
 * Reads a push body as text without relying on a global body parser (Nest's Express adapter parses only JSON and
 * urlencoded bodies, so XML arrives unread). Uses what a parser kept when one ran (`rawBody`, a text or Buffer
 * body). Refuses bodies over `limits.maxBytes` with 413, and bodies not complete within `limits.timeoutMs` with 408.
 * On either cut-off the rest of the body is discarded unread and, when `response` is given, the connection is closed
 * once the answer is out, so a client sending without end holds neither memory nor a socket.
 */
export async function readRawBody(request: PushRequest, limits: BodyLimits, response?: ServerResponse): Promise<string> {
  const kept = Buffer.isBuffer(request.rawBody) ? request.rawBody : alreadyRead(request.body, request.headers['content-type']);
  if (kept !== undefined) {
    if (Buffer.byteLength(kept) > limits.maxBytes) throw tooLarge(limits.maxBytes);
    return kept.toString();
  }
  if (request.readableEnded) throw new InvalidPushError(415, 'body was consumed by another parser; send text/xml');
  const declared = Number(request.headers['content-length']);
  if (declared > limits.maxBytes) {
    cutOff(request, response);
    throw tooLarge(limits.maxBytes);
  }
  return collect(request, limits, response);
}

function alreadyRead(body: unknown, contentType: string | undefined): Buffer | string | undefined {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  // A JSON push (WeChat's JSON format) the framework's JSON parser already read: its Encrypt value — all the
  // signature covers — survives re-serialization unchanged.
  if (body !== null && typeof body === 'object' && contentType?.toLowerCase().includes('json')) return JSON.stringify(body);
  return undefined;
}

function collect(request: IncomingMessage, limits: BodyLimits, response: ServerResponse | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: InvalidPushError) => {
      settle();
      cutOff(request, response);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) return stop(tooLarge(limits.maxBytes));
      chunks.push(chunk);
    };
    const onEnd = () => {
      settle();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    // A deadline for the whole body, not an idle timeout: one byte a second would reset an idle timer forever.
    const timer = setTimeout(
      () => stop(new InvalidPushError(408, `body not received within ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    );
    const settle = () => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onError);
  });
}

/**
 * Stops reading a refused body: what still comes is discarded without being kept, and the connection is closed after
 * the answer (`Connection: close` makes Node end the socket once the response is written) instead of being kept alive
 * for a client that may never finish sending.
 */
function cutOff(request: IncomingMessage, response: ServerResponse | undefined): void {
  request.resume();
  if (response && typeof response.setHeader === 'function' && !response.headersSent) response.setHeader('Connection', 'close');
}

function tooLarge(limit: number): InvalidPushError {
  return new InvalidPushError(413, `body is larger than ${limit} bytes`);
}
