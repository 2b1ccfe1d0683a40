import { WeChatError } from '../common/errors.js';
import { credentialShapes } from '../common/ids.js';
import type { AccessTokenRecord, AccessTokens } from './access-tokens.js';
import type { Account, AccountStore } from './accounts.js';
import type { ExpiringCodes } from './expiring-codes.js';
import { grantedFuncIds } from './permissions.js';
import type { SandboxSettings } from './settings.js';

/** What an authorization code stands for. */
export interface AuthorizationCodeData {
  appId: string;
  preAuthCode: string;
}

/** The result of an account granting (or updating) its authorization. */
export interface AuthorizationGrant {
  account: Account;
  infoType: 'authorized' | 'updateauthorized';
  authorizationCode: string;
  /** ms since the epoch. */
  authorizationCodeExpiresAt: number;
  preAuthCode: string;
}

/** An authorization code: the value and its expiry (ms). */
export interface IssuedAuthorizationCode {
  code: string;
  expiresAt: number;
}

/** Dependencies of {@link Authorizations}. */
export interface AuthorizationsDeps {
  clock: () => number;
  settings: SandboxSettings;
  accounts: AccountStore;
  tokens: AccessTokens;
  preAuthCodes: ExpiringCodes<null>;
  authorizationCodes: ExpiringCodes<AuthorizationCodeData>;
}

/**
 * The authorization state machine of WeChat's side: pre-auth codes, granting and revoking, single-use
 * authorization codes, the refresh token (replaced on every re-authorization) and authorizer tokens.
 * Throws {@link WeChatError} with WeChat's codes; sends nothing (pushes are the caller's job).
 */
export class Authorizations {
  constructor(private readonly deps: AuthorizationsDeps) {}

  /** `api_create_preauthcode`. */
  createPreAuthCode(): { preAuthCode: string; expiresIn: number } {
    const expiresIn = this.deps.settings.preAuthCodeTtlSeconds;
    const { code } = this.deps.preAuthCodes.issue(credentialShapes.preAuthCode(), null, expiresIn);
    return { preAuthCode: code, expiresIn };
  }

  /** Whether a pre-auth code can still be used, without using it. */
  preAuthCodeStatus(preAuthCode: string): 'ok' | 'used' | 'expired' | 'unknown' {
    return this.deps.preAuthCodes.peek(preAuthCode).status;
  }

  /** Uses a pre-auth code (the authorization page does this when submitted). */
  redeemPreAuthCode(preAuthCode: string): 'ok' | 'used' | 'expired' | 'unknown' {
    return this.deps.preAuthCodes.redeem(preAuthCode).status;
  }

  /**
   * Grants (or updates) the account's authorization: a new refresh token (the old one answers 61023 from now
   * on), the granted permission sets and a new authorization code.
   * @param funcIds permission sets to grant; all the platform asks for when omitted.
   */
  grant(account: Account, funcIds?: readonly number[], preAuthCode?: string): AuthorizationGrant {
    const granted = grantedFuncIds(account.type, funcIds);
    const infoType = account.status === 'authorized' ? 'updateauthorized' : 'authorized';
    this.deps.accounts.markAuthorized(account, credentialShapes.refreshToken(), granted);
    const usedPreAuthCode = preAuthCode ?? this.spentPreAuthCode();
    const code = this.issueAuthorizationCode(account, usedPreAuthCode);
    return { account, infoType, authorizationCode: code.code, authorizationCodeExpiresAt: code.expiresAt, preAuthCode: usedPreAuthCode };
  }

  /**
   * Authorizes without an authorization code or push (bulk set-up for benchmarks); returns the refresh token,
   * which the platform can also read from `api_get_authorizer_list`.
   */
  grantQuietly(account: Account): string {
    const refreshToken = credentialShapes.refreshToken();
    this.deps.accounts.markAuthorized(account, refreshToken, grantedFuncIds(account.type));
    return refreshToken;
  }

  /** A further authorization code for the account's current authorization (the release test sends one). */
  issueAuthorizationCode(account: Account, preAuthCode: string = this.spentPreAuthCode()): IssuedAuthorizationCode {
    return this.deps.authorizationCodes.issue(
      credentialShapes.authorizationCode(),
      { appId: account.appId, preAuthCode },
      this.deps.settings.authorizationCodeTtlSeconds,
    );
  }

  /** Whether an authorization code has been redeemed. */
  authorizationCodeStatus(code: string): 'ok' | 'used' | 'expired' | 'unknown' {
    return this.deps.authorizationCodes.peek(code).status;
  }

  /** The account revokes the platform: its refresh token and access tokens stop working. */
  revoke(account: Account): void {
    this.deps.accounts.markRevoked(account);
    this.deps.tokens.invalidate(account.appId);
  }

  /**
   * `api_query_auth`: redeems the code and issues an authorizer access token.
   * @throws WeChatError 61009 (unknown, used, or the authorization is gone), 61010 (expired).
   */
  queryAuth(code: string): { account: Account; token: AccessTokenRecord } {
    const redemption = this.deps.authorizationCodes.redeem(code);
    if (redemption.status === 'expired') throw new WeChatError(61010);
    if (redemption.status !== 'ok') throw new WeChatError(61009);
    const account = this.deps.accounts.get(redemption.data.appId);
    if (account?.status !== 'authorized') throw new WeChatError(61009);
    return { account, token: this.issueAccessToken(account) };
  }

  /**
   * `api_authorizer_token`.
   * @throws WeChatError 61003 (never authorized or revoked), 61023 (not the current refresh token).
   */
  refresh(appId: unknown, refreshToken: unknown): { account: Account; token: AccessTokenRecord; refreshToken: string } {
    const account = this.authorizedAccount(appId);
    if (typeof refreshToken !== 'string' || refreshToken !== account.refreshToken) throw new WeChatError(61023);
    const token = this.issueAccessToken(account);
    if (this.deps.settings.rotateRefreshTokens) account.refreshToken = credentialShapes.refreshToken();
    return { account, token, refreshToken: account.refreshToken! };
  }

  /** Replaces the account's refresh token behind the platform's back; the one it stored answers 61023. */
  staleRefreshToken(account: Account): string {
    if (account.status !== 'authorized') throw new WeChatError(61003);
    account.refreshToken = credentialShapes.refreshToken();
    return account.refreshToken;
  }

  /**
   * The account if it has authorized the platform.
   * @throws WeChatError 61003 otherwise.
   */
  authorizedAccount(appId: unknown): Account {
    const account = typeof appId === 'string' ? this.deps.accounts.get(appId) : undefined;
    if (account?.status !== 'authorized') throw new WeChatError(61003);
    return account;
  }

  private issueAccessToken(account: Account): AccessTokenRecord {
    return this.deps.tokens.issue('authorizer', account.appId, this.deps.settings.authorizerTokenTtlSeconds);
  }

  /** A pre-auth code created and used on the spot, for authorizations that did not go through the page. */
  private spentPreAuthCode(): string {
    const { preAuthCode } = this.createPreAuthCode();
    this.deps.preAuthCodes.redeem(preAuthCode);
    return preAuthCode;
  }
}
