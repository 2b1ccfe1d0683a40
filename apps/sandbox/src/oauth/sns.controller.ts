import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { SandboxRequest } from '../http/body-reader.js';
import { WeChatError } from '../common/errors.js';
import { credentialShapes } from '../common/ids.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { OAuthTokens } from '../state/oauth-sessions.js';
import { identityOf, simulatedUser } from '../state/users.js';

/** The token answer of the OAuth code and refresh endpoints. */
export interface OAuthTokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: string;
}

/** OAuth on behalf of official accounts and mini-program login for the platform (reference §1.12, §1.13). */
@Controller('sns')
export class SnsController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get('oauth2/component/access_token')
  accessToken(@Query() query: Record<string, unknown>): OAuthTokenAnswer {
    const appId = this.checkComponentCall(query, 'authorization_code');
    const code = stringField(query, 'code');
    if (!code) throw new WeChatError(41008);
    return this.answer(this.sandbox.oauth.exchange(appId, code));
  }

  @Get('oauth2/component/refresh_token')
  refreshToken(@Query() query: Record<string, unknown>): OAuthTokenAnswer {
    const appId = this.checkComponentCall(query, 'refresh_token');
    return this.answer(this.sandbox.oauth.refresh(appId, stringField(query, 'refresh_token') ?? ''));
  }

  /** Needs a `snsapi_userinfo` token (48001 otherwise) and its own openid (40003 otherwise). */
  @Get('userinfo')
  userinfo(@Query() query: Record<string, unknown>, @Req() req: SandboxRequest): Record<string, unknown> {
    const token = stringField(query, 'access_token');
    if (!token) throw new WeChatError(41001);
    const grant = this.sandbox.oauth.grantOf(token);
    req.sandboxAppId = grant.appId;
    const user = simulatedUser(grant.userKey)!;
    const { openid, unionid } = identityOf(user, grant.appId, this.sandbox.component.appId);
    if (stringField(query, 'openid') !== openid) throw new WeChatError(40003);
    if (grant.scope !== 'snsapi_userinfo') throw new WeChatError(48001);
    return {
      openid,
      nickname: user.nickname,
      sex: user.sex,
      province: user.province,
      city: user.city,
      country: user.country,
      headimgurl: `http://thirdwx.qlogo.cn/mmopen/vi_32/${openid}/132`,
      privilege: [],
      unionid,
    };
  }

  /** `jscode2session` for an authorized mini program; js_codes come from the control API. */
  @Get('component/jscode2session')
  jsCodeToSession(@Query() query: Record<string, unknown>): { openid: string; session_key: string; unionid: string } {
    const appId = this.checkComponentCall(query, 'authorization_code');
    const account = this.sandbox.authorizations.authorizedAccount(appId);
    if (account.type !== 'mini_program') throw new WeChatError(61003);
    const jsCode = stringField(query, 'js_code');
    if (!jsCode) throw new WeChatError(40029);
    const { userKey } = this.sandbox.oauth.redeemJsCode(appId, jsCode);
    const { openid, unionid } = identityOf(simulatedUser(userKey)!, appId, this.sandbox.component.appId);
    return { openid, session_key: credentialShapes.sessionKey(), unionid };
  }

  /** Component token, `component_appid`, `grant_type`, `appid`: returns the appid. */
  private checkComponentCall(query: Record<string, unknown>, grantType: string): string {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.credentials.componentAppId(query);
    if (stringField(query, 'grant_type') !== grantType) throw new WeChatError(40002);
    const appId = stringField(query, 'appid');
    if (!appId) throw new WeChatError(41002);
    return appId;
  }

  private answer(tokens: OAuthTokens): OAuthTokenAnswer {
    const user = simulatedUser(tokens.grant.userKey)!;
    return {
      access_token: tokens.accessToken,
      expires_in: tokens.expiresIn,
      refresh_token: tokens.refreshToken,
      openid: identityOf(user, tokens.grant.appId, this.sandbox.component.appId).openid,
      scope: tokens.grant.scope,
    };
  }
}
