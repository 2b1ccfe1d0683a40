import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HttpException, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { WEBHOOK_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedWebhookOptions } from '../options/resolved-options.js';
import { ComponentEventsEndpoint } from './component-webhook.controller.js';
import { AuthorizerMessagesEndpoint } from './message-webhook.controller.js';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** The little of the framework's instance the route check reads (no runtime dependency on either framework). */
interface ExpressLike {
  readonly router?: { readonly stack?: ReadonlyArray<{ readonly route?: { readonly path?: unknown; readonly methods?: Record<string, boolean> } }> };
}
interface FastifyLike {
  hasRoute(route: { method: string; url: string }): boolean;
}

/** Where the two webhooks are served from the HTTP server's `request` listener. */
interface FastPaths {
  /** `/{global prefix}/{webhook prefix}/events`, or undefined when Nest serves it elsewhere. */
  readonly events: string | undefined;
  /** `/{global prefix}/{webhook prefix}/messages/` (the appid follows), or undefined likewise. */
  readonly messages: string | undefined;
}

/**
 * The default (`webhook.fastPath`, on unless set to false): the two webhook URLs answered straight from the HTTP
 * server, ahead of the framework's router (Express or Fastify) — and so without the application's middleware, guards,
 * interceptors, pipes and filters — by the very same handlers as the controllers, which stay registered (and serve
 * requests that do not come through the server, such as Fastify's `inject()`). Routing a push through Nest and
 * Express costs several times what verifying, decrypting and parsing it does: Express 5 changes the prototype of
 * every request and response, which deoptimizes and makes garbage survive.
 *
 * Skipping the guards is right for these two routes: WeChat cannot log in, it signs each push, and the handler checks
 * that signature first. The paths are Nest's own: the global prefix (or its exclusion of these routes) is honoured,
 * and the fast path takes a path only once the framework's router is seen to serve the webhook there — a path moved
 * by a `RouterModule` or URI versioning keeps going through Nest, with a warning. Refusals are answered with the
 * status and JSON body Nest's exception filter would give.
 */
@Injectable()
export class WebhookFastPath implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebhookFastPath');
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
    private readonly events: ComponentEventsEndpoint,
    private readonly messages: AuthorizerMessagesEndpoint,
    @Inject(WEBHOOK_OPTIONS) private readonly webhook: ResolvedWebhookOptions,
  ) {}

  onApplicationBootstrap(): void {
    const adapter = this.adapterHost.httpAdapter;
    const server = adapter?.getHttpServer() as Server | undefined;
    if (!server || typeof server.listeners !== 'function') return;
    const paths = this.fastPaths(adapter);
    if (paths.events === undefined && paths.messages === undefined) return;
    const framework = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (request.method === 'POST' && this.serve(request, response, paths)) return;
      for (const listener of framework) listener.call(server, request, response);
    });
    const served = [paths.events, paths.messages && `${paths.messages}:appId`].filter(Boolean).join(' and ');
    this.logger.log(`Serving POST ${served} ahead of the router (webhook.fastPath; no guards, interceptors or filters run there)`);
  }

  /** The paths Nest serves the webhooks at, where the fast path can take them over. */
  private fastPaths(adapter: NonNullable<HttpAdapterHost['httpAdapter']>): FastPaths {
    const prefix = trimSlashes(this.webhook.prefix);
    const globalPrefix = trimSlashes(this.config.getGlobalPrefix());
    const candidates = (route: string) => {
      const own = `/${[prefix, route].filter(Boolean).join('/')}`;
      // With the global prefix first; without it when the application excluded these routes from it.
      return globalPrefix ? [`/${globalPrefix}${own}`, own] : [own];
    };
    const serves = routeCheck(adapter);
    const find = (route: string) => candidates(route).find((path) => serves(path) !== false);
    const events = find('events');
    const messagesRoute = find('messages/:appId');
    for (const [route, found] of [['events', events], ['messages/:appId', messagesRoute]] as const) {
      if (found !== undefined) continue;
      this.logger.warn(
        `POST ${candidates(route).join(' or ')} is not a route of the ${adapter.getType()} router (a RouterModule path or URI ` +
          'versioning moved it?): pushes to it go through Nest, without the fast path',
      );
    }
    return { events, messages: messagesRoute?.slice(0, -':appId'.length) };
  }

  /** Takes the request when it is for one of the webhooks; false leaves it to the framework. */
  private serve(request: IncomingMessage, response: ServerResponse, paths: FastPaths): boolean {
    const url = request.url ?? '';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    if (path === paths.events) {
      answer(response, this.events.events(request, queryOf(url, queryAt), response), 'text/plain; charset=utf-8');
      return true;
    }
    const messages = paths.messages;
    if (messages !== undefined && path.startsWith(messages) && path.length > messages.length && !path.includes('/', messages.length)) {
      // A handler throwing here would escape the server's 'request' listener and end the process.
      const reply = decodeAppId(path.slice(messages.length)).then((appId) =>
        this.messages.messagesOf(appId, request, queryOf(url, queryAt), response),
      );
      answer(response, reply, 'text/xml; charset=utf-8');
      return true;
    }
    return false;
  }
}

/**
 * Whether the framework's router has a POST route at exactly `path` (a route pattern such as
 * `/api/wechat/component/messages/:appId`): true or false on Express and Fastify, undefined for another adapter.
 */
function routeCheck(adapter: NonNullable<HttpAdapterHost['httpAdapter']>): (path: string) => boolean | undefined {
  const type = adapter.getType();
  if (type === 'express') {
    const stack = adapter.getInstance<ExpressLike>().router?.stack ?? [];
    return (path) => stack.some((layer) => layer.route?.path === path && layer.route.methods?.post === true);
  }
  if (type === 'fastify') {
    const fastify = adapter.getInstance<FastifyLike>();
    return (path) => fastify.hasRoute({ method: 'POST', url: path });
  }
  return () => undefined;
}

/** The query string as an object (of a repeated name, the last value; the decoder reads single values only). */
function queryOf(url: string, queryAt: number): Record<string, string> {
  return queryAt < 0 ? {} : Object.fromEntries(new URLSearchParams(url.slice(queryAt + 1)));
}

/** Writes a handler's text answer with 200, or its failure as Nest would render the HttpException. */
function answer(response: ServerResponse, body: Promise<string>, contentType: string): void {
  body.then(
    (text) => send(response, 200, contentType, text),
    (error: unknown) => {
      const status = error instanceof HttpException ? error.getStatus() : 500;
      const message = error instanceof HttpException ? error.message : 'Internal server error';
      send(response, status, 'application/json; charset=utf-8', JSON.stringify({ statusCode: status, message }));
    },
  );
}

function send(response: ServerResponse, status: number, contentType: string, text: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The `:appId` segment, decoded; malformed percent-encoding is a 400 like any other bad push. */
async function decodeAppId(segment: string): Promise<string> {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpException('the appid in the path is not valid percent-encoding', 400);
  }
}

function trimSlashes(segment: string): string {
  return segment.replace(/^\/+|\/+$/g, '');
}
