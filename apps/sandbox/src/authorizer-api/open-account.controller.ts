import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** The permission sets of open-platform account management: 24 official accounts, 25 mini programs. */
const OPEN_ACCOUNT_SCOPE = { official_account: 24, mini_program: 25 };

/**
 * Open-platform accounts (`cgi-bin/open/*`): create, bind, unbind, get, have. `appid` in the body must be the token's
 * own account (40013 otherwise). 89000 already bound, 89001 another principal, 89002 not bound or unknown, 89003 not
 * made by the API, 89004 100 bound.
 */
@Controller('cgi-bin/open')
@AuthorizerApi(OPEN_ACCOUNT_SCOPE)
export class OpenAccountController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('create')
  @HttpCode(200)
  create(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { open_appid: string } {
    this.sameAccount(account, body);
    return { ...OK, open_appid: this.sandbox.platform.openAccounts.create(account) };
  }

  @Post('bind')
  @HttpCode(200)
  bind(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sameAccount(account, body);
    this.sandbox.platform.openAccounts.bind(account, body['open_appid']);
    return OK;
  }

  @Post('unbind')
  @HttpCode(200)
  unbind(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sameAccount(account, body);
    this.sandbox.platform.openAccounts.unbind(account, body['open_appid']);
    return OK;
  }

  @Post('get')
  @HttpCode(200)
  get(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { open_appid: string } {
    this.sameAccount(account, body);
    return { ...OK, open_appid: this.sandbox.platform.openAccounts.get(account) };
  }

  @Post('have')
  @HttpCode(200)
  have(@CurrentAuthorizer() account: Account): typeof OK & { have_open: boolean } {
    return { ...OK, have_open: this.sandbox.platform.openAccounts.has(account) };
  }

  private sameAccount(account: Account, body: Record<string, unknown>): void {
    if (body['appid'] === undefined) throw new WeChatError(41002);
    if (body['appid'] !== account.appId) throw new WeChatError(40013);
  }
}
