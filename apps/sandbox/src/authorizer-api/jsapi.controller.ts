import { Controller, Get, Inject, Query } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { TICKET_TTL_SECONDS } from '../state/js-tickets.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** JS-SDK tickets of official accounts (网页服务权限, id 4); `type` jsapi or wx_card (40097 otherwise). */
@Controller('cgi-bin/ticket')
@AuthorizerApi({ official_account: FUNC.WEB_OAUTH })
export class JsApiController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get('getticket')
  getTicket(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>): typeof OK & { ticket: string; expires_in: number } {
    const { ticket } = this.sandbox.apis.jsTickets.of(account.appId).issue(stringField(query, 'type'));
    return { ...OK, ticket, expires_in: TICKET_TTL_SECONDS };
  }
}
