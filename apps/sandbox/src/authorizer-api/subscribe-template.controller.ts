import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/**
 * Subscription-message templates (`wxaapi/newtmpl/*`) of mini programs (18) and official accounts (7): a part of
 * WeChat's public library, the account's own templates (50 at most).
 */
@Controller('wxaapi/newtmpl')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT, official_account: FUNC.MASS_AND_NOTICES })
export class SubscribeTemplateController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get('getcategory')
  categories(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    return { ...OK, data: this.sandbox.platform.subscribeTemplates.of(account.appId).categories() };
  }

  @Get('getpubtemplatetitles')
  titles(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>): Record<string, unknown> {
    return { ...OK, ...this.sandbox.platform.subscribeTemplates.of(account.appId).titles(stringField(query, 'ids'), stringField(query, 'start'), stringField(query, 'limit')) };
  }

  @Get('getpubtemplatekeywords')
  keywords(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>): Record<string, unknown> {
    return { ...OK, ...this.sandbox.platform.subscribeTemplates.of(account.appId).keywords(stringField(query, 'tid')) };
  }

  @Post('addtemplate')
  @HttpCode(200)
  add(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { priTmplId: string } {
    return { ...OK, priTmplId: this.sandbox.platform.subscribeTemplates.of(account.appId).add(body) };
  }

  @Post('deltemplate')
  @HttpCode(200)
  delete(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.platform.subscribeTemplates.of(account.appId).delete(body['priTmplId']);
    return OK;
  }

  @Get('gettemplate')
  list(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    return { ...OK, data: this.sandbox.platform.subscribeTemplates.of(account.appId).list() };
  }
}
