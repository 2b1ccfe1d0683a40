import type { ServerResponse } from 'node:http';
import { Controller, Header, HttpCode, Inject, Logger, Param, Post, Query, Req, Res, type Type } from '@nestjs/common';
import { AuthorizerMessageService } from '../messages/authorizer-message.service.js';
import { WEBHOOK_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedWebhookOptions } from '../options/resolved-options.js';
import type { PushQuery } from '../push/push-decoder.js';
import { pushFailure } from './push-failure.js';
import { bodyLimits, type PushRequest, readRawBody } from './read-raw-body.js';

/**
 * The message and event URL (消息与事件接收 URL): `POST /{prefix}/messages/:appId`, configured at WeChat as
 * `…/messages/$APPID$`. Answers with the encrypted passive reply, `success` or an empty body; a refused push gets a
 * 4xx with a short reason and a warning log, and nothing is handled.
 */
export class MessageWebhookController {
  private readonly logger = new Logger('MessageWebhook');

  constructor(
    private readonly messages: AuthorizerMessageService,
    private readonly webhook: ResolvedWebhookOptions,
  ) {}

  /** `response` lets a body cut off for its size or time close its connection after the answer. */
  async messagesOf(appId: string, request: PushRequest, query: PushQuery, response?: ServerResponse): Promise<string> {
    const receivedAt = Date.now();
    try {
      const body = await readRawBody(request, bodyLimits(this.webhook), response);
      return (await this.messages.handle(appId, body, query, receivedAt)).body;
    } catch (error) {
      throw pushFailure(error, this.logger, request, 'message push');
    }
  }
}

/** The message webhook controller class for a route prefix (routes are fixed when the module is imported). */
export function createMessageWebhookController(prefix: string): Type<unknown> {
  @Controller(prefix)
  class WeChatMessageWebhookController extends MessageWebhookController {
    constructor(messages: AuthorizerMessageService, @Inject(WEBHOOK_OPTIONS) webhook: ResolvedWebhookOptions) {
      super(messages, webhook);
    }

    @Post('messages/:appId')
    @HttpCode(200)
    @Header('Content-Type', 'text/xml; charset=utf-8')
    override messagesOf(
      @Param('appId') appId: string,
      @Req() request: PushRequest,
      @Query() query: PushQuery,
      @Res({ passthrough: true }) response: ServerResponse,
    ): Promise<string> {
      return super.messagesOf(appId, request, query, response);
    }
  }
  return WeChatMessageWebhookController;
}
