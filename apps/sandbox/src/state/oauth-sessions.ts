import { WeChatError } from '../common/errors.js';
import { credentialShapes } from '../common/ids.js';
import { ExpiringCodes } from './expiring-codes.js';

/** OAuth scopes of web authorization on behalf of an official account. */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

/** What a user granted to an official account. */
export interface OAuthGrant {
  appId: string;
  userKey: string;
  scope: OAuthScope;
}

/** The token answer of `sns/oauth2/component/access_token` and `…/refresh_token`. */
export interface OAuthTokens {
  grant: OAuthGrant;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const CODE_TTL_SECONDS = 300;
const ACCESS_TTL_SECONDS = 7200;
const REFRESH_TTL_SECONDS = 30 * 86_400;

/**
 * Web OAuth on behalf of official accounts: single-use 5-minute codes, 2-hour user access tokens and 30-day
 * refresh tokens (reference §1.12), and 5-minute mini-program js_codes (§1.13).
 */
export class OAuthSessions {
  private readonly codes: ExpiringCodes<OAuthGrant>;
  private readonly accessTokens: ExpiringCodes<OAuthGrant>;
  private readonly refreshTokens: ExpiringCodes<OAuthGrant>;
  private readonly jsCodes: ExpiringCodes<{ appId: string; userKey: string }>;

  constructor(clock: () => number) {
    this.codes = new ExpiringCodes(clock);
    this.accessTokens = new ExpiringCodes(clock);
    this.refreshTokens = new ExpiringCodes(clock, 86_400_000);
    this.jsCodes = new ExpiringCodes(clock);
  }

  /** A code for the redirect after the user approved. */
  issueCode(grant: OAuthGrant): string {
    return this.codes.issue(credentialShapes.oauthCode(), grant, CODE_TTL_SECONDS).code;
  }

  /**
   * Exchanges a code for tokens.
   * @throws WeChatError 40029 (unknown, expired or another account's code), 40163 (already used).
   */
  exchange(appId: string, code: string): OAuthTokens {
    const redemption = this.codes.peek(code);
    if (redemption.status === 'used') throw new WeChatError(40163);
    if (redemption.status !== 'ok' || redemption.data.appId !== appId) throw new WeChatError(40029);
    this.codes.redeem(code);
    const grant = redemption.data;
    const refreshToken = this.refreshTokens.issue(credentialShapes.accessToken(86), grant, REFRESH_TTL_SECONDS).code;
    return { grant, refreshToken, ...this.newAccessToken(grant) };
  }

  /**
   * A new access token from a refresh token (which stays the same).
   * @throws WeChatError 40030 (unknown or another account's), 42002 (expired).
   */
  refresh(appId: string, refreshToken: string): OAuthTokens {
    const found = this.refreshTokens.peek(refreshToken);
    if (found.status === 'expired') throw new WeChatError(42002);
    if (found.status !== 'ok' || found.data.appId !== appId) throw new WeChatError(40030);
    return { grant: found.data, refreshToken, ...this.newAccessToken(found.data) };
  }

  /**
   * The grant behind a user access token.
   * @throws WeChatError 40001 (unknown), 42001 (expired).
   */
  grantOf(accessToken: string): OAuthGrant {
    const found = this.accessTokens.peek(accessToken);
    if (found.status === 'expired') throw new WeChatError(42001);
    if (found.status !== 'ok') throw new WeChatError(40001);
    return found.data;
  }

  /** A js_code as `wx.login()` would return inside the mini program. */
  issueJsCode(appId: string, userKey: string): string {
    return this.jsCodes.issue(credentialShapes.jsCode(), { appId, userKey }, CODE_TTL_SECONDS).code;
  }

  /**
   * Redeems a js_code.
   * @throws WeChatError 40029 (unknown, expired or another mini program's), 40163 (already used).
   */
  redeemJsCode(appId: string, jsCode: string): { userKey: string } {
    const found = this.jsCodes.peek(jsCode);
    if (found.status === 'used') throw new WeChatError(40163);
    if (found.status !== 'ok' || found.data.appId !== appId) throw new WeChatError(40029);
    this.jsCodes.redeem(jsCode);
    return { userKey: found.data.userKey };
  }

  private newAccessToken(grant: OAuthGrant): { accessToken: string; expiresIn: number } {
    const accessToken = this.accessTokens.issue(credentialShapes.accessToken(85), grant, ACCESS_TTL_SECONDS).code;
    return { accessToken, expiresIn: ACCESS_TTL_SECONDS };
  }
}
