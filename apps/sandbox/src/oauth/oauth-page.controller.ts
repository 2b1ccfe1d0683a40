import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { errorPage } from '../common/html.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { OAuthScope } from '../state/oauth-sessions.js';
import { FUNC } from '../state/permissions.js';
import { SIMULATED_USERS, simulatedUser } from '../state/users.js';
import { consentPage, type ConsentRequest } from './consent-page.js';

/** Why the OAuth entry refuses, with the codes WeChat's error page shows. */
class OAuthPageError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Web authorization on behalf of an official account (reference §1.12 step 1), at the open.weixin.qq.com stand-in:
 * `snsapi_base` redirects at once; `snsapi_userinfo` shows a consent page whose 允许 redirects with `code`, `state`
 * and `appid`, and 拒绝 with `state` only.
 */
@Controller('connect/oauth2')
export class OAuthPageController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get('authorize')
  show(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    this.respond(res, () => {
      const { account, request } = this.validate(query);
      if (request.scope === 'snsapi_base') return this.redirectWithCode(res, account, request, SIMULATED_USERS[0]!.key);
      res.type('html').send(consentPage(account, request));
    });
  }

  @Post('authorize')
  @HttpCode(200)
  decide(@Body() body: Record<string, unknown>, @Res() res: Response): void {
    this.respond(res, () => {
      const { account, request } = this.validate(body);
      const redirect = new URL(request.redirect_uri);
      if (stringField(body, 'decision') !== 'allow') {
        redirect.searchParams.set('state', request.state);
        return res.redirect(302, redirect.toString());
      }
      const user = simulatedUser(stringField(body, 'user')) ?? SIMULATED_USERS[0]!;
      this.redirectWithCode(res, account, request, user.key);
    });
  }

  private redirectWithCode(res: Response, account: Account, request: ConsentRequest, userKey: string): void {
    const code = this.sandbox.oauth.issueCode({ appId: account.appId, userKey, scope: request.scope as OAuthScope });
    const redirect = new URL(request.redirect_uri);
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('state', request.state);
    redirect.searchParams.set('appid', account.appId);
    res.redirect(302, redirect.toString());
  }

  private respond(res: Response, action: () => void): void {
    try {
      action();
    } catch (error) {
      if (!(error instanceof OAuthPageError)) throw error;
      res.status(400).type('html').send(errorPage(error.code, error.message));
    }
  }

  private validate(source: Record<string, unknown>): { account: Account; request: ConsentRequest } {
    const field = (name: string): string => stringField(source, name) ?? '';
    const request: ConsentRequest = {
      appid: field('appid'),
      redirect_uri: field('redirect_uri'),
      scope: field('scope'),
      state: field('state'),
      component_appid: field('component_appid'),
    };
    if (request.appid === '') throw new OAuthPageError(10012, 'appid不能为空');
    if (request.redirect_uri === '') throw new OAuthPageError(10011, 'redirect_uri不能为空');
    if (request.scope === '') throw new OAuthPageError(10010, 'scope不能为空');
    if (!/^https?:\/\//.test(request.redirect_uri) || !URL.canParse(request.redirect_uri)) {
      throw new OAuthPageError(10003, 'redirect_uri域名与后台配置不一致');
    }
    const account = this.sandbox.accounts.get(request.appid);
    if (account?.type === 'mini_program') throw new OAuthPageError(10016, '不支持微信开放平台的Appid，请使用公众号Appid');
    if (request.component_appid !== this.sandbox.component.appId || account?.status !== 'authorized') {
      throw new OAuthPageError(10015, '公众号未授权第三方平台，请检查授权状态');
    }
    if ((request.scope !== 'snsapi_base' && request.scope !== 'snsapi_userinfo') || !account.funcIds.includes(FUNC.WEB_OAUTH)) {
      throw new OAuthPageError(10005, '此公众号并没有这些scope的权限');
    }
    return { account, request };
  }
}
