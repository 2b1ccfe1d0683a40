import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HttpException, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { ComponentService } from '../component/component.service.js';
import { AuthorizerMessageService } from '../messages/authorizer-message.service.js';
import { WEBHOOK_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedWebhookOptions } from '../options/resolved-options.js';
import { ComponentWebhookController } from './component-webhook.controller.js';
import { MessageWebhookController } from './message-webhook.controller.js';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * `webhook.fastPath`: the two webhook URLs answered straight from the HTTP server, ahead of the framework's router
 * (Express or Fastify) — and so without the application's middleware, guards, interceptors and filters — by the very
 * same handlers as the controllers (which stay registered, and serve when there is no HTTP server to wrap). Routing
 * a push through Nest and Express costs more than verifying, decrypting and parsing it; this path does not.
 */
@Injectable()
export class WebhookFastPath implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebhookFastPath');
  private readonly events: ComponentWebhookController;
  private readonly messages: MessageWebhookController;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
    component: ComponentService,
    messages: AuthorizerMessageService,
    @Inject(WEBHOOK_OPTIONS) private readonly webhook: ResolvedWebhookOptions,
  ) {
    this.events = new ComponentWebhookController(component, webhook);
    this.messages = new MessageWebhookController(messages, webhook);
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server || typeof server.listeners !== 'function') return;
    const base = `/${[this.config.getGlobalPrefix(), this.webhook.prefix].map(trimSlashes).filter(Boolean).join('/')}`;
    const eventsPath = `${base}/events`;
    const messagesPath = `${base}/messages/`;
    const framework = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (request.method === 'POST' && this.serve(request, response, eventsPath, messagesPath)) return;
      for (const listener of framework) listener.call(server, request, response);
    });
    this.logger.log(`Serving POST ${eventsPath} and ${messagesPath}:appId ahead of the router`);
  }

  /** Takes the request when it is for one of the webhooks; false leaves it to the framework. */
  private serve(request: IncomingMessage, response: ServerResponse, eventsPath: string, messagesPath: string): boolean {
    const url = request.url ?? '';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const query = queryAt < 0 ? {} : Object.fromEntries(new URLSearchParams(url.slice(queryAt + 1)));
    if (path === eventsPath) {
      answer(response, this.events.events(request, query, response), 'text/plain; charset=utf-8');
      return true;
    }
    if (path.startsWith(messagesPath) && path.length > messagesPath.length && !path.includes('/', messagesPath.length)) {
      // A handler throwing here would escape the server's 'request' listener and end the process.
      const reply = decodeAppId(path.slice(messagesPath.length))
        .then((appId) => this.messages.messagesOf(appId, request, query, response));
      answer(response, reply, 'text/xml; charset=utf-8');
      return true;
    }
    return false;
  }
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
