import type { IncomingMessage } from 'node:http';
import { markPushReachedHandler } from './push-refusal-log.js';
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
 * Takes a push over from Nest, first thing in a webhook route: marks it as having reached the handler (which logs
 * what happens to it from here on; see `PushRefusalLog`) and returns the Node request behind what `@Req()` gave.
 */
export function takePush(request: AdapterRequest): PushRequest {
  const node = nodeRequestOf(request);
  markPushReachedHandler(node);
  return node;
}

/**
 * The Node request behind what `@Req()` gave: Express hands over the Node request itself, Fastify wraps it (`raw`).
 * A body some parser of the application already read is carried over, so the push reader can use it.
 */
function nodeRequestOf(request: AdapterRequest): PushRequest {
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
