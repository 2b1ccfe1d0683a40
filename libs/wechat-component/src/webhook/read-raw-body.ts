import type { IncomingMessage } from 'node:http';
import { InvalidPushError } from '../errors/wechat-component.errors.js';

/** A request as an adapter may hand it over: untouched, or with a body some parser already read. */
export type PushRequest = IncomingMessage & { body?: unknown; rawBody?: Buffer };

/**
 * Reads a push body as text without relying on a global body parser (Nest's Express adapter parses only JSON and
 * urlencoded bodies, so XML arrives unread). Uses what a parser kept when one ran (`rawBody`, a text or Buffer
 * body). Refuses bodies over `limit` bytes with 413.
 */
export async function readRawBody(request: PushRequest, limit: number): Promise<string> {
  const kept = Buffer.isBuffer(request.rawBody) ? request.rawBody : alreadyRead(request.body);
  if (kept !== undefined) {
    if (Buffer.byteLength(kept) > limit) throw tooLarge(limit);
    return kept.toString();
  }
  if (request.readableEnded) throw new InvalidPushError(415, 'body was consumed by another parser; send text/xml');
  const declared = Number(request.headers['content-length']);
  if (declared > limit) {
    request.resume(); // drain without keeping it
    throw tooLarge(limit);
  }
  return collect(request, limit);
}

function alreadyRead(body: unknown): Buffer | string | undefined {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  return undefined;
}

function collect(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

function tooLarge(limit: number): InvalidPushError {
  return new InvalidPushError(413, `body is larger than ${limit} bytes`);
}
