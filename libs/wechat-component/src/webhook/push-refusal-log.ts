import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';

/** Requests whose push reached a webhook handler (which logs its own refusals and failures). */
const reachedHandler = new WeakSet<IncomingMessage>();

/** Called by the webhook handlers first thing: what happens to this push from here on is logged by them. */
export function markPushReachedHandler(request: IncomingMessage): void {
  reachedHandler.add(request);
}

/**
 * Makes a push that the application refused before the webhook saw it visible: a global guard (403, or 401 from an
 * auth guard), an interceptor or a pipe answered instead of the webhook. Nothing else would tell — the module's
 * handler never ran, exception filters only see it when they are global, and WeChat just retries and then drops
 * the push. Runs as Nest middleware on the two webhook routes (before guards, on Express and Fastify alike) and only
 * watches the response; it cannot see a request ended by the application's own earlier middleware or Fastify hooks.
 */
@Injectable()
export class PushRefusalLog implements NestMiddleware<IncomingMessage, ServerResponse> {
  private readonly logger = new Logger('WeChatWebhook');

  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    response.once('finish', () => {
      if (response.statusCode < 400 || reachedHandler.has(request)) return;
      // Mounted middleware sees a shortened `url` on Express; `originalUrl` is the request's own.
      const url = (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '';
      const path = url.split('?', 1)[0];
      this.logger.warn(
        `${request.method} ${path} from ${request.socket?.remoteAddress ?? 'unknown'} was answered ${response.statusCode} ` +
          'before it reached the WeChat webhook: a guard, interceptor or pipe of the application refused it, and WeChat ' +
          'will retry, then drop it. Let the webhook routes through (they carry WECHAT_WEBHOOK_METADATA; see ' +
          '"Guards" in the README) or use webhook.fastPath.',
      );
    });
    next();
  }
}
