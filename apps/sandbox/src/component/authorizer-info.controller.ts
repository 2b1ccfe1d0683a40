import { Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { integerField } from '../http/request-values.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import { authorizerInfo, funcInfo, type FuncInfo } from './authorizer-views.js';

/** The most `api_get_authorizer_list` returns per page. */
export const AUTHORIZER_LIST_MAX_COUNT = 500;

/** What the platform can read about its authorizers (reference §1.8, §1.9). */
@Controller('cgi-bin/component')
export class AuthorizerInfoController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('api_get_authorizer_info')
  @HttpCode(200)
  info(
    @Query() query: Record<string, unknown>,
    @JsonBody() body: Record<string, unknown>,
  ): {
    authorizer_info: Record<string, unknown>;
    authorization_info: { authorizer_appid: string; authorizer_refresh_token: string; func_info: FuncInfo[] };
  } {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.credentials.componentAppId(body);
    const account = this.sandbox.authorizations.authorizedAccount(body['authorizer_appid']);
    return {
      authorizer_info: authorizerInfo(account),
      authorization_info: {
        authorizer_appid: account.appId,
        authorizer_refresh_token: account.refreshToken!,
        func_info: funcInfo(account.funcIds),
      },
    };
  }

  /** `count` is clamped to 1..500 and `offset` to ≥ 0. */
  @Post('api_get_authorizer_list')
  @HttpCode(200)
  list(
    @Query() query: Record<string, unknown>,
    @JsonBody() body: Record<string, unknown>,
  ): { total_count: number; list: { authorizer_appid: string; refresh_token: string; auth_time: number }[] } {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.credentials.componentAppId(body);
    const offset = Math.max(0, integerField(body, 'offset') ?? 0);
    const count = Math.min(AUTHORIZER_LIST_MAX_COUNT, Math.max(1, integerField(body, 'count') ?? AUTHORIZER_LIST_MAX_COUNT));
    return {
      total_count: this.sandbox.accounts.authorizedCount,
      list: this.sandbox.accounts.authorizedPage(offset, count).map((account) => ({
        authorizer_appid: account.appId,
        refresh_token: account.refreshToken!,
        auth_time: Math.floor(account.authorizedAt! / 1000),
      })),
    };
  }
}
