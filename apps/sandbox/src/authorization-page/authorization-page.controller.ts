import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { errorPage } from '../common/html.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account, AccountType } from '../state/accounts.js';
import { PLATFORM_PERMISSIONS } from '../state/permissions.js';
import { authorizationPage, type AuthorizationPageRequest } from './authorization-page.js';

/** PC page at the mp.weixin.qq.com stand-in and the mobile links (both hosts' paths). */
export const AUTHORIZATION_PAGE_PATHS = ['cgi-bin/componentloginpage', 'safe/bindcomponent', 'wxaopen/safe/bindcomponent'];

/** The `expires_in` WeChat puts in the redirect. */
const REDIRECT_EXPIRES_IN = 600;
/** Accounts listed on one page. */
const LISTED = 100;

const AUTH_TYPES: Record<string, readonly AccountType[]> = {
  '1': ['official_account'],
  '2': ['mini_program'],
  '3': ['official_account', 'mini_program'],
};

class PageError extends Error {
  constructor(
    readonly code: number | string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The authorization page (reference §1.4, §1.5): validates the component and the pre-auth code, lists the
 * accounts allowed by `auth_type` / `biz_appid`; submitting uses the pre-auth code, authorizes the chosen account
 * (new authorization code and refresh token), pushes `authorized`/`updateauthorized` and redirects 302 to
 * `redirect_uri?auth_code=…&expires_in=600`.
 */
@Controller()
export class AuthorizationPageController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get(AUTHORIZATION_PAGE_PATHS)
  async show(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.respond(res, () => {
      const request = this.validate(query);
      const { accounts, more } = this.listAccounts(request);
      res.type('html').send(authorizationPage(req.path, request, accounts, more, !req.path.endsWith('componentloginpage')));
    });
  }

  @Post(AUTHORIZATION_PAGE_PATHS)
  @HttpCode(200)
  async submit(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    await this.respond(res, async () => {
      const request = this.validate(body);
      const account = this.sandbox.accounts.get(stringField(body, 'appid') ?? '');
      if (!account || !this.allowed(request).some((type) => type === account.type) || !this.matchesBiz(request, account) || account.testGroup) {
        throw new PageError('account', '请选择一个可授权的帐号');
      }
      const funcIds = this.chosenFuncIds(body, account);
      if (this.sandbox.authorizations.redeemPreAuthCode(request.pre_auth_code) !== 'ok') throw new PageError(61009, '预授权码已失效');
      const { grant } = await this.sandbox.notifier.grant(account, { preAuthCode: request.pre_auth_code, ...(funcIds ? { funcIds } : {}) });
      const redirect = new URL(request.redirect_uri);
      redirect.searchParams.set('auth_code', grant.authorizationCode);
      redirect.searchParams.set('expires_in', String(REDIRECT_EXPIRES_IN));
      res.redirect(302, redirect.toString());
    });
  }

  private async respond(res: Response, action: () => void | Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof PageError)) throw error;
      res.status(400).type('html').send(errorPage(error.code, error.message));
    }
  }

  private validate(source: Record<string, unknown>): AuthorizationPageRequest {
    const field = (name: string): string => stringField(source, name) ?? '';
    const request: AuthorizationPageRequest = {
      component_appid: field('component_appid'),
      pre_auth_code: field('pre_auth_code'),
      redirect_uri: field('redirect_uri'),
      auth_type: field('auth_type') || '3',
      biz_appid: field('biz_appid'),
    };
    if (request.component_appid !== this.sandbox.component.appId) throw new PageError(61011, '第三方平台 appid 无效');
    const status = request.pre_auth_code === '' ? 'unknown' : this.sandbox.authorizations.preAuthCodeStatus(request.pre_auth_code);
    if (status === 'used') throw new PageError(61009, '预授权码已使用，请重新发起授权');
    if (status === 'expired') throw new PageError(61010, '预授权码已过期，请重新发起授权');
    if (status !== 'ok') throw new PageError(61009, '预授权码无效');
    if (!/^https?:\/\//.test(request.redirect_uri) || !URL.canParse(request.redirect_uri)) throw new PageError('redirect_uri', 'redirect_uri 无效');
    if (!AUTH_TYPES[request.auth_type]) throw new PageError('auth_type', 'auth_type 无效');
    if (request.biz_appid !== '' && !this.sandbox.accounts.get(request.biz_appid)) throw new PageError('biz_appid', 'biz_appid 对应的帐号不存在');
    return request;
  }

  /** `biz_appid` restricts the page to one account (it overrides `auth_type`, with which it is exclusive). */
  private allowed(request: AuthorizationPageRequest): readonly AccountType[] {
    return request.biz_appid !== '' ? AUTH_TYPES['3']! : AUTH_TYPES[request.auth_type]!;
  }

  private matchesBiz(request: AuthorizationPageRequest, account: Account): boolean {
    return request.biz_appid === '' || request.biz_appid === account.appId;
  }

  private listAccounts(request: AuthorizationPageRequest): { accounts: Account[]; more: number } {
    const types = this.allowed(request);
    const accounts: Account[] = [];
    let more = 0;
    for (const account of this.sandbox.accounts.values()) {
      if (account.testGroup || !types.includes(account.type) || !this.matchesBiz(request, account)) continue;
      if (accounts.length < LISTED) accounts.push(account);
      else more++;
    }
    return { accounts, more };
  }

  /** The ticked permission sets that apply to the account's type; undefined (= all) when the form had none. */
  private chosenFuncIds(body: Record<string, unknown>, account: Account): number[] | undefined {
    const raw = body['func'];
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (values.length === 0 && stringField(body, 'func_selection') === undefined) return undefined;
    const ids = values.map(Number).filter((id) => PLATFORM_PERMISSIONS[account.type].includes(id));
    if (ids.length === 0) throw new PageError('func', '请至少选择一项权限');
    return ids;
  }
}
