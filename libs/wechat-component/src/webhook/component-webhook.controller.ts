import type { ServerResponse } from 'node:http';
import { Controller, HttpCode, Inject, Injectable, Logger, Post, Query, Req, Res, type Type } from '@nestjs/common';
import { ComponentEventService } from '../events/component-event.service.js';
import { WEBHOOK_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedWebhookOptions } from '../options/resolved-options.js';
import type { PushQuery } from '../push/push-decoder.js';
import { answerPush, type PushHandling } from './answer-push.js';
import { type AdapterRequest, takePush } from './push-request.js';
import { bodyLimits, type PushRequest } from './read-raw-body.js';
import { decorateWebhookController } from './webhook-metadata.js';

/**
 * The authorization event URL (授权事件接收 URL): `POST /{prefix}/events`. Answers `success`; a refused push gets a
 * 4xx with a short reason and a warning log, and changes nothing. Served by the Nest route below and by the fast path.
 */
@Injectable()
export class ComponentEventsEndpoint {
  private readonly handling: PushHandling;

  constructor(
    private readonly componentEvents: ComponentEventService,
    @Inject(WEBHOOK_OPTIONS) webhook: ResolvedWebhookOptions,
  ) {
    this.handling = { limits: bodyLimits(webhook), logger: new Logger('ComponentWebhook'), what: 'event push' };
  }

  /** `response` lets a body cut off for its size or time close its connection after the answer. */
  events(request: PushRequest, query: PushQuery, response?: ServerResponse): Promise<string> {
    return answerPush(this.handling, request, response, async (body) => {
      await this.componentEvents.handle(body, query);
      return 'success';
    });
  }
}

/**
 * The controller class for the webhook settings (routes are fixed when the module is imported): marked with
 * `WECHAT_WEBHOOK_METADATA` and the application's own `webhook.decorators`.
 */
export function createComponentWebhookController(webhook: ResolvedWebhookOptions): Type<unknown> {
  @Controller(webhook.prefix)
  class WeChatComponentWebhookController {
    constructor(private readonly endpoint: ComponentEventsEndpoint) {}

    @Post('events')
    @HttpCode(200)
    events(
      @Req() request: AdapterRequest,
      @Query() query: PushQuery,
      @Res({ passthrough: true }) response: ServerResponse,
    ): Promise<string> {
      return this.endpoint.events(takePush(request), query, response);
    }
  }
  return decorateWebhookController(WeChatComponentWebhookController, webhook);
}
