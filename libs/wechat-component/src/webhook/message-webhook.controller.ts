import type { ServerResponse } from 'node:http';
import { Controller, Header, HttpCode, Inject, Injectable, Logger, Param, Post, Query, Req, Res, type Type } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { AuthorizerMessageService } from '../messages/authorizer-message.service.js';
import { WEBHOOK_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedWebhookOptions } from '../options/resolved-options.js';
import type { PushQuery } from '../push/push-decoder.js';
import { answerPush, type PushHandling } from './answer-push.js';
import { type AdapterRequest, takePush } from './push-request.js';
import { bodyLimits, type PushRequest } from './read-raw-body.js';
import { decorateWebhookController } from './webhook-metadata.js';

/**
 * The message and event URL (消息与事件接收 URL): `POST /{prefix}/messages/:appId`, configured at WeChat as
 * `…/messages/$APPID$`. Answers with the encrypted passive reply, `success` or an empty body; a refused push gets a
 * 4xx with a short reason and a warning log, and nothing is handled. Served by the Nest route below and by the fast
 * path.
 */
@Injectable()
export class AuthorizerMessagesEndpoint {
  private readonly handling: PushHandling;

  constructor(
    private readonly messages: AuthorizerMessageService,
    @Inject(WEBHOOK_OPTIONS) webhook: ResolvedWebhookOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.handling = { limits: bodyLimits(webhook), logger: new Logger('MessageWebhook'), what: 'message push' };
  }

  /** `response` lets a body cut off for its size or time close its connection after the answer. */
  messagesOf(appId: string, request: PushRequest, query: PushQuery, response?: ServerResponse): Promise<string> {
    const receivedAt = this.clock.now(); // the reply budget counts from the push's arrival, body reading included
    return answerPush(this.handling, request, response, async (body) => (await this.messages.handle(appId, body, query, receivedAt)).body);
  }
}

/**
 * The message webhook controller class for the webhook settings (routes are fixed when the module is imported):
 * marked with `WECHAT_WEBHOOK_METADATA` and the application's own `webhook.decorators`.
 */
export function createMessageWebhookController(webhook: ResolvedWebhookOptions): Type<unknown> {
  @Controller(webhook.prefix)
  class WeChatMessageWebhookController {
    constructor(private readonly endpoint: AuthorizerMessagesEndpoint) {}

    @Post('messages/:appId')
    @HttpCode(200)
    @Header('Content-Type', 'text/xml; charset=utf-8')
    messagesOf(
      @Param('appId') appId: string,
      @Req() request: AdapterRequest,
      @Query() query: PushQuery,
      @Res({ passthrough: true }) response: ServerResponse,
    ): Promise<string> {
      return this.endpoint.messagesOf(appId, takePush(request), query, response);
    }
  }
  return decorateWebhookController(WeChatMessageWebhookController, webhook);
}
