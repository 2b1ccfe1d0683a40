import type { ServerResponse } from 'node:http';
import { Controller, HttpCode, Inject, Logger, Post, Query, Req, Res, type Type } from '@nestjs/common';
import { ComponentService } from '../component/component.service.js';
import { WEBHOOK_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedWebhookOptions } from '../options/resolved-options.js';
import type { PushQuery } from '../push/push-decoder.js';
import { pushFailure } from './push-failure.js';
import { bodyLimits, type PushRequest, readRawBody } from './read-raw-body.js';

/**
 * The authorization event URL (授权事件接收 URL): `POST /{prefix}/events`. Answers `success`; a refused push gets a
 * 4xx with a short reason and a warning log, and changes nothing.
 */
export class ComponentWebhookController {
  private readonly logger = new Logger('ComponentWebhook');

  constructor(
    private readonly component: ComponentService,
    private readonly webhook: ResolvedWebhookOptions,
  ) {}

  /** `response` lets a body cut off for its size or time close its connection after the answer. */
  async events(request: PushRequest, query: PushQuery, response?: ServerResponse): Promise<string> {
    try {
      const body = await readRawBody(request, bodyLimits(this.webhook), response);
      await this.component.handleEvent(body, query);
      return 'success';
    } catch (error) {
      throw pushFailure(error, this.logger, request, 'event push');
    }
  }
}

/** The controller class for a route prefix (routes are fixed when the module is imported). */
export function createComponentWebhookController(prefix: string): Type<unknown> {
  @Controller(prefix)
  class WeChatComponentWebhookController extends ComponentWebhookController {
    constructor(component: ComponentService, @Inject(WEBHOOK_OPTIONS) webhook: ResolvedWebhookOptions) {
      super(component, webhook);
    }

    @Post('events')
    @HttpCode(200)
    override events(
      @Req() request: PushRequest,
      @Query() query: PushQuery,
      @Res({ passthrough: true }) response: ServerResponse,
    ): Promise<string> {
      return super.events(request, query, response);
    }
  }
  return WeChatComponentWebhookController;
}
