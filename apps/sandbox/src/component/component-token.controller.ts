import { Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';

/** The component's own credentials: `api_component_token` and `api_start_push_ticket` (reference §1.1, §1.2). */
@Controller('cgi-bin/component')
export class ComponentTokenController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('api_component_token')
  @HttpCode(200)
  token(@JsonBody() body: Record<string, unknown>): { component_access_token: string; expires_in: number } {
    const { credentials, tickets, tokens, settings, component } = this.sandbox;
    credentials.componentAppId(body);
    credentials.componentSecret(body, 'component_appsecret');
    const ticket = tickets.check(body['component_verify_ticket']);
    if (ticket !== 'ok') throw new WeChatError(ticket);
    const record = tokens.issue('component', component.appId, settings.componentTokenTtlSeconds);
    return { component_access_token: record.token, expires_in: settings.componentTokenTtlSeconds };
  }

  /** Answers at once and pushes a new ticket right after (WeChat restarts its 10-minute push). */
  @Post('api_start_push_ticket')
  @HttpCode(200)
  startPushTicket(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): typeof OK {
    const { credentials } = this.sandbox;
    if (stringField(query, 'access_token') !== undefined || stringField(query, 'component_access_token') !== undefined) {
      credentials.componentToken(query);
    }
    credentials.componentAppId(body);
    credentials.componentSecret(body, 'component_secret');
    void this.sandbox.ticketPusher.pushNow();
    return OK;
  }
}
