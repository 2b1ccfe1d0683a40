import type { IncomingMessage } from 'node:http';
import type { PushRequest } from './read-raw-body.js';

/** A Fastify request as Nest hands it to a handler: the Node request is `raw`, a parsed body (if any) is `body`. */
interface FastifyLikeRequest {
  readonly raw: IncomingMessage;
  readonly body?: unknown;
  readonly rawBody?: Buffer;
}

/** What `@Req()` gives a webhook handler: the Node request (Express) or Fastify's wrapper of it. */
export type AdapterRequest = PushRequest | FastifyLikeRequest;

/**
 * The Node request behind what `@Req()` gave: Express hands over the Node request itself, Fastify wraps it (`raw`).
 * A body some parser of the application already read is carried over, so the push reader can use it.
 */
export function nodeRequestOf(request: AdapterRequest): PushRequest {
  if (!isFastifyRequest(request)) return request;
  const node: PushRequest = request.raw;
  if (node.body === undefined && request.body !== undefined) node.body = request.body;
  if (node.rawBody === undefined && request.rawBody !== undefined) node.rawBody = request.rawBody;
  return node;
}

function isFastifyRequest(request: AdapterRequest): request is FastifyLikeRequest {
  const raw = (request as Partial<FastifyLikeRequest>).raw;
  return raw !== undefined && raw !== request && typeof raw.on === 'function';
}
