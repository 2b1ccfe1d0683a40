import { Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import type { SandboxRequest } from '../http/body-reader.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import { funcInfo, type FuncInfo } from './authorizer-views.js';

/** Authorization by code and authorizer tokens (reference §1.3, §1.6, §1.7). */
@Controller('cgi-bin/component')
export class AuthorizationController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('api_create_preauthcode')
  @HttpCode(200)
  createPreAuthCode(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): { pre_auth_code: string; expires_in: number } {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.credentials.componentAppId(body);
    const { preAuthCode, expiresIn } = this.sandbox.authorizations.createPreAuthCode();
    return { pre_auth_code: preAuthCode, expires_in: expiresIn };
  }

  @Post('api_query_auth')
  @HttpCode(200)
  queryAuth(
    @Query() query: Record<string, unknown>,
    @JsonBody() body: Record<string, unknown>,
    @Req() req: SandboxRequest,
  ): {
    authorization_info: {
      authorizer_appid: string;
      authorizer_access_token: string;
      expires_in: number;
      authorizer_refresh_token: string;
      func_info: FuncInfo[];
    };
  } {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.credentials.componentAppId(body);
    const { account, token } = this.sandbox.authorizations.queryAuth(stringField(body, 'authorization_code') ?? '');
    req.sandboxAppId = account.appId;
    return {
      authorization_info: {
        authorizer_appid: account.appId,
        authorizer_access_token: token.token,
        expires_in: this.sandbox.settings.authorizerTokenTtlSeconds,
        authorizer_refresh_token: account.refreshToken!,
        func_info: funcInfo(account.funcIds),
      },
    };
  }

  @Post('api_authorizer_token')
  @HttpCode(200)
  authorizerToken(
    @Query() query: Record<string, unknown>,
    @JsonBody() body: Record<string, unknown>,
  ): { authorizer_access_token: string; expires_in: number; authorizer_refresh_token: string } {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.credentials.componentAppId(body);
    const { token, refreshToken } = this.sandbox.authorizations.refresh(body['authorizer_appid'], body['authorizer_refresh_token']);
    return {
      authorizer_access_token: token.token,
      expires_in: this.sandbox.settings.authorizerTokenTtlSeconds,
      authorizer_refresh_token: refreshToken,
    };
  }
}
