import { WeChatComponentError } from './wechat-component.errors.js';

/** Error codes callers commonly act on. See the README's "Errors" section for what to do about each. */
export const WeChatErrorCode = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_APPID: 40013,
  INVALID_ACCESS_TOKEN: 40014,
  INVALID_APPSECRET: 40125,
  ACCESS_TOKEN_EXPIRED: 42001,
  MENU_NOT_EXIST: 46003,
  QUOTA_EXCEEDED: 45009,
  MINUTE_QUOTA_EXCEEDED: 45011,
  API_UNAUTHORIZED: 48001,
  COMPONENT_NOT_AUTHORIZED: 61003,
  COMPONENT_TICKET_EXPIRED: 61005,
  COMPONENT_TICKET_INVALID: 61006,
  API_UNAUTHORIZED_TO_COMPONENT: 61007,
  AUTHORIZATION_CODE_INVALID: 61009,
  AUTHORIZATION_CODE_EXPIRED: 61010,
  REFRESH_TOKEN_INVALID: 61023,
} as const;

/** The errcodes named in {@link WeChatErrorCode}; `WeChatApiError.errcode` stays a `number` (WeChat has hundreds). */
export type KnownWeChatErrorCode = (typeof WeChatErrorCode)[keyof typeof WeChatErrorCode];

/** Codes meaning "the access token you sent is not (or no longer) valid": refresh it and retry once. */
export const TOKEN_REJECTED_CODES: ReadonlySet<number> = new Set([
  WeChatErrorCode.INVALID_CREDENTIAL,
  WeChatErrorCode.INVALID_ACCESS_TOKEN,
  WeChatErrorCode.ACCESS_TOKEN_EXPIRED,
]);

/** What else the request path knows about a failed call (see {@link WeChatApiError}). */
export interface WeChatApiErrorContext {
  /** The account whose access token the call carried (an authorizer, or the component itself). */
  readonly appId?: string;
  /** The other fields of WeChat's answer, e.g. the `hints` of a refused ICP filing. */
  readonly details?: Readonly<Record<string, unknown>>;
}

// WeChat appends ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` to errmsg; `openapi/rid/get` explains the call by it.
const RID = /\brid:\s*([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})\b/i;

/**
 * WeChat answered with an `errcode` other than 0.
 *
 * `errmsg` is WeChat's own text (with its ` rid: …` request id, parsed into {@link rid}); `path` is the API path
 * without its query string, so no token ever appears here; {@link appId} is the account the call was made for, so
 * `ComponentService.explainError` can ask WeChat about it with that account's token.
 */
export class WeChatApiError extends WeChatComponentError {
  declare readonly code: 'WECHAT_API_ERROR';

  /** WeChat's request id from `errmsg` (`openapi/rid/get` explains the call for 7 days); undefined when absent. */
  readonly rid: string | undefined;
  /** The account whose token the call carried; undefined for calls made without a token. */
  readonly appId: string | undefined;
  /** The other fields of WeChat's answer (never tokens: WeChat sends none in an error). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
    context: WeChatApiErrorContext = {},
  ) {
    super('WECHAT_API_ERROR', `WeChat API ${path} answered errcode ${errcode}: ${errmsg}`);
    this.rid = RID.exec(errmsg)?.[1]?.toLowerCase();
    this.appId = context.appId;
    this.details = context.details ?? {};
  }

  /** True when WeChat refused the access token itself (40001, 40014, 42001). */
  get isTokenRejected(): boolean {
    return TOKEN_REJECTED_CODES.has(this.errcode);
  }

  /**
   * True for WeChat's "system busy, try again later" (-1): the module retries it on idempotent calls. Quota errors
   * (45009, 45011) are never transient: retrying them only spends more quota.
   */
  get isTransient(): boolean {
    return this.errcode === WeChatErrorCode.SYSTEM_BUSY;
  }

  /** True when the daily (45009) or per-minute (45011) quota of this API is used up. */
  get isQuotaExceeded(): boolean {
    return this.errcode === WeChatErrorCode.QUOTA_EXCEEDED || this.errcode === WeChatErrorCode.MINUTE_QUOTA_EXCEEDED;
  }
}

/** True when `error` is a {@link WeChatApiError}, optionally with the given errcode. */
export function isWeChatApiError(error: unknown, errcode?: number): error is WeChatApiError {
  return error instanceof WeChatApiError && (errcode === undefined || error.errcode === errcode);
}
