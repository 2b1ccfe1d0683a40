import { BadRequestException, ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { WeChatError } from '../common/errors.js';
import { Sandbox } from '../sandbox.js';
import { AccountConflictError, type AccountType, type MenuDocument, type NewAccount } from '../state/accounts.js';
import { validateMenu } from '../state/menu.js';
import { SEED_MENU } from '../state/seed.js';
import { ControlBody } from './control-body.decorator.js';
import { findAccount, findAuthorized } from './lookup.js';
import type { AccountDetail, AccountPage, AccountView, AuthorizeResult, BulkAccountsResult, RevokeResult } from './types.js';
import { objectBody, optionalBoolean, optionalInteger, optionalString, queryInteger, requireThat } from './validation.js';
import { accountDetail, accountView } from './views.js';

const TYPES: readonly AccountType[] = ['official_account', 'mini_program'];
const STATUSES = ['unauthorized', 'authorized', 'revoked'];
const MAX_BULK = 200_000;

/** Creating, listing, authorizing and revoking simulated accounts; their tokens. */
@Controller('sandbox/accounts')
export class AccountsControlController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get()
  list(@Query() query: Record<string, unknown>): AccountPage {
    const offset = queryInteger(query, 'offset') ?? 0;
    const limit = Math.min(queryInteger(query, 'limit') ?? 100, 1000);
    const status = query['status'];
    const type = query['type'];
    requireThat(status === undefined || STATUSES.includes(status as string), 'status must be unauthorized, authorized or revoked');
    requireThat(type === undefined || TYPES.includes(type as AccountType), 'type must be official_account or mini_program');
    const items: AccountView[] = [];
    let total = 0;
    for (const account of this.sandbox.accounts.values()) {
      if ((status !== undefined && account.status !== status) || (type !== undefined && account.type !== type)) continue;
      if (total >= offset && items.length < limit) items.push(accountView(this.sandbox, account));
      total++;
    }
    return { total, offset, items };
  }

  @Post()
  create(@ControlBody() raw: Record<string, unknown>): AccountView {
    const body = objectBody(raw);
    const type = body['type'] as AccountType;
    requireThat(TYPES.includes(type), 'type must be official_account or mini_program');
    const input: NewAccount = { type };
    for (const name of ['appId', 'userName', 'nickName', 'principalName', 'alias', 'signature'] as const) {
      const value = optionalString(body, name);
      if (value !== undefined) input[name] = value;
    }
    for (const name of ['serviceTypeId', 'verifyTypeId'] as const) {
      const value = optionalInteger(body, name);
      if (value !== undefined) input[name] = value;
    }
    const menu = this.menuOf(body['menu']);
    if (menu) input.menu = menu;
    try {
      return accountView(this.sandbox, this.sandbox.accounts.create(input));
    } catch (error) {
      if (error instanceof AccountConflictError) throw new ConflictException(error.message);
      throw error;
    }
  }

  /** Many accounts at once (benchmarks); optionally authorized without pushes. */
  @Post('bulk')
  createMany(@ControlBody() raw: Record<string, unknown>): BulkAccountsResult {
    const body = objectBody(raw);
    const count = body['count'];
    const type = body['type'] as AccountType;
    requireThat(Number.isInteger(count) && (count as number) >= 1 && (count as number) <= MAX_BULK, `count must be an integer in 1..${MAX_BULK}`);
    requireThat(TYPES.includes(type), 'type must be official_account or mini_program');
    const authorize = optionalBoolean(body, 'authorize') ?? false;
    const prefix = optionalString(body, 'nickNamePrefix') ?? (type === 'official_account' ? '压测公众号' : '压测小程序');
    const start = this.sandbox.accounts.size;
    const accounts: BulkAccountsResult['accounts'] = [];
    for (let i = 0; i < (count as number); i++) {
      const account = this.sandbox.accounts.create({ type, nickName: `${prefix}${start + i + 1}` });
      const created: BulkAccountsResult['accounts'][number] = { appId: account.appId, userName: account.userName };
      if (authorize) created.refreshToken = this.sandbox.authorizations.grantQuietly(account);
      accounts.push(created);
    }
    return { created: accounts.length, accounts };
  }

  @Get(':appId')
  detail(@Param('appId') appId: string): AccountDetail {
    return accountDetail(this.sandbox, findAccount(this.sandbox, appId));
  }

  /** Authorizes (or re-authorizes) the account and pushes `authorized`/`updateauthorized`; returns the code. */
  @Post(':appId/authorize')
  @HttpCode(200)
  async authorize(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<AuthorizeResult> {
    const account = findAccount(this.sandbox, appId);
    const body = objectBody(raw);
    const funcIds = body['funcIds'];
    requireThat(funcIds === undefined || (Array.isArray(funcIds) && funcIds.every(Number.isInteger)), 'funcIds must be an array of integers');
    const push = optionalBoolean(body, 'push');
    let result;
    try {
      result = await this.sandbox.notifier.grant(account, {
        ...(funcIds === undefined ? {} : { funcIds: funcIds as number[] }),
        ...(push === undefined ? {} : { push }),
      });
    } catch (error) {
      if (error instanceof TypeError) throw new BadRequestException(error.message);
      throw error;
    }
    const { grant } = result;
    return {
      appId,
      infoType: grant.infoType,
      authorizationCode: grant.authorizationCode,
      authorizationCodeExpiresAt: grant.authorizationCodeExpiresAt,
      preAuthCode: grant.preAuthCode,
      refreshToken: account.refreshToken!,
      ...(result.push ? { push: result.push } : {}),
    };
  }

  /** A fresh authorization code for the current authorization (without pushing). */
  @Post(':appId/authorization-code')
  @HttpCode(200)
  authorizationCode(@Param('appId') appId: string): { authorizationCode: string; expiresAt: number } {
    const account = findAuthorized(this.sandbox, appId);
    const { code, expiresAt } = this.sandbox.authorizations.issueAuthorizationCode(account);
    return { authorizationCode: code, expiresAt };
  }

  /** The account revokes the platform (pushes `unauthorized`); its tokens stop working, refreshes answer 61003. */
  @Post(':appId/revoke')
  @HttpCode(200)
  async revoke(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<RevokeResult> {
    const account = findAuthorized(this.sandbox, appId);
    const push = optionalBoolean(objectBody(raw), 'push');
    const result = await this.sandbox.notifier.revoke(account, push === undefined ? {} : { push });
    return { appId, ...result };
  }

  /** Later calls with the account's token answer 42001. */
  @Post(':appId/token/expire')
  @HttpCode(200)
  expireToken(@Param('appId') appId: string): { expired: true } {
    findAccount(this.sandbox, appId);
    if (!this.sandbox.tokens.expire(appId)) throw new NotFoundException(`no access token has been issued to ${appId}`);
    return { expired: true };
  }

  /** Later calls with the account's token answer 40001. */
  @Post(':appId/token/invalidate')
  @HttpCode(200)
  invalidateToken(@Param('appId') appId: string): { invalidated: true } {
    findAccount(this.sandbox, appId);
    if (!this.sandbox.tokens.invalidate(appId)) throw new NotFoundException(`no access token has been issued to ${appId}`);
    return { invalidated: true };
  }

  /** Replaces the refresh token: the one the platform stored answers 61023; the new one is in api_get_authorizer_list. */
  @Post(':appId/refresh-token/stale')
  @HttpCode(200)
  staleRefreshToken(@Param('appId') appId: string): { refreshToken: string } {
    return { refreshToken: this.sandbox.authorizations.staleRefreshToken(findAuthorized(this.sandbox, appId)) };
  }


  private menuOf(menu: unknown): MenuDocument | undefined {
    if (menu === undefined || menu === false) return undefined;
    if (menu === true) return structuredClone(SEED_MENU);
    try {
      requireThat(typeof menu === 'object' && menu !== null, 'menu must be true or a menu document');
      return validateMenu(menu as Record<string, unknown>);
    } catch (error) {
      if (error instanceof WeChatError) throw new BadRequestException(`invalid menu: ${error.errcode} ${error.errmsg}`);
      throw error;
    }
  }
}
