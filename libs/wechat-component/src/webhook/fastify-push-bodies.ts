import type { IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WEBHOOK_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedWebhookOptions } from '../options/resolved-options.js';

/**
 * A content type no client sends: the webhook routes' requests are parsed under it, so the parser registered for it
 * serves them and nothing else.
 */
const PUSH_CONTENT_TYPE = 'application/x-nestjs-wechat-component-push';

/** The little of a Fastify request used here (no runtime dependency on Fastify, an optional peer). */
interface FastifyRequestLike {
  readonly headers: IncomingHttpHeaders;
  readonly routeOptions?: { readonly url?: string };
}

type Done = (error: Error | null, value?: undefined) => void;

/** The little of a Fastify instance used here. */
interface FastifyInstanceLike {
  addHook(name: 'preParsing', hook: (request: FastifyRequestLike, reply: unknown, payload: unknown, done: Done) => void): unknown;
  addContentTypeParser(contentType: string, parser: (request: FastifyRequestLike, payload: unknown, done: Done) => void): unknown;
}

/**
 * Lets the webhook routes take WeChat's XML on `@nestjs/platform-fastify`, which otherwise answers 415 to every
 * `text/xml` push (it has no parser for it) before any handler runs.
 *
 * Fastify picks content-type parsers per application, not per route, so a parser for `text/xml` (or a catch-all)
 * would change what the application's own routes receive — or replace the application's own parser for it without
 * a trace (Fastify cannot tell whether a catch-all exists). Instead, a `preParsing` hook moves requests *for the two
 * webhook routes only* to a private content type whose parser leaves the body unread and restores the header; the
 * webhook then reads the Node request itself, with the same size and time bounds as on Express and on the fast path.
 * Every other route is parsed exactly as before.
 */
@Injectable()
export class FastifyPushBodies implements OnModuleInit {
  private readonly logger = new Logger('WeChatWebhook');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEBHOOK_OPTIONS) private readonly webhook: ResolvedWebhookOptions,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') return;
    const fastify = adapter.getInstance<FastifyInstanceLike>();
    const isWebhookRoute = webhookRouteMatcher(this.webhook.prefix);
    const contentTypes = new WeakMap<FastifyRequestLike, string | undefined>();

    fastify.addHook('preParsing', (request, _reply, _payload, done) => {
      const route = request.routeOptions?.url;
      if (route !== undefined && isWebhookRoute(route)) {
        contentTypes.set(request, request.headers['content-type']);
        request.headers['content-type'] = PUSH_CONTENT_TYPE;
      }
      done(null);
    });
    fastify.addContentTypeParser(PUSH_CONTENT_TYPE, (request, _payload, done) => {
      const original = contentTypes.get(request);
      if (original === undefined) delete request.headers['content-type'];
      else request.headers['content-type'] = original;
      done(null); // the body stays unread: the webhook reads it, bounded
    });
    this.logger.log(`Fastify: pushes to the webhook routes under /${this.webhook.prefix} are read by the webhook`);
  }
}

/**
 * Whether a Fastify route pattern is one of the webhook routes, wherever the global prefix, a `RouterModule` path or
 * URI versioning put them: the pattern ends with the module's own path.
 */
export function webhookRouteMatcher(prefix: string): (route: string) => boolean {
  const base = prefix === '' ? '' : `/${prefix}`;
  const events = `${base}/events`;
  const messages = `${base}/messages/:appId`;
  return (route) => endsWithPath(route, events) || endsWithPath(route, messages);
}

function endsWithPath(route: string, path: string): boolean {
  return (route.endsWith('/') ? route.slice(0, -1) : route).endsWith(path);
}
