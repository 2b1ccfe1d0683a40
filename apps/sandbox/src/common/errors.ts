import { AUTHORIZER_API_ERRMSG } from './api-errors.js';
import { PLATFORM_API_ERRMSG } from './platform-api-errors.js';

/**
 * WeChat's error codes and the text its servers put in `errmsg` (reference §5; the ` rid: …` suffix is added when
 * the error is rendered). Codes whose server text was never captured use the meaning the SDKs give them.
 */
export const WECHAT_ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40008: 'invalid message type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40023: 'invalid sub button size',
  40029: 'invalid code',
  40055: 'invalid button url domain',
  40030: 'invalid refresh_token',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  41018: 'missing component_appid',
  42001: 'access_token expired',
  42002: 'refresh_token expired',
  44002: 'empty post data',
  44004: 'empty content',
  45009: 'reach max api daily quota limit',
  46003: 'menu no exist',
  47001: 'data format error',
  48001: 'api unauthorized',
  48006: 'forbid to clear quota because of reaching the limit',
  61003: 'component is not authorized by this account',
  61005: 'component ticket is expired',
  61006: 'component ticket is invalid',
  61007: 'api is unauthorized to component',
  61009: 'code is invalid',
  61010: 'code is expired',
  61011: 'invalid component',
  61012: '无效的选项名称',
  61013: '无效的选项值',
  61023: 'refresh_token is invalid',
  76021: 'cgi_path not found, please check',
  ...AUTHORIZER_API_ERRMSG,
  ...PLATFORM_API_ERRMSG,
};

/** The errmsg text for a code (without the rid suffix). */
export function errmsgFor(errcode: number): string {
  return WECHAT_ERRMSG[errcode] ?? 'system error';
}

/** A WeChat API error; rendered as `{"errcode":N,"errmsg":"<text> rid: …"}` with HTTP 200. */
export class WeChatError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string = errmsgFor(errcode),
    /** Fields WeChat sends beside errcode and errmsg (e.g. the `hints` of a refused ICP filing). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(`${errcode} ${errmsg}`);
    this.name = 'WeChatError';
  }
}

/** The JSON body WeChat returns for an error. */
export interface WeChatErrorBody {
  errcode: number;
  errmsg: string;
}

/** The JSON body of a successful action endpoint. */
export const OK = Object.freeze({ errcode: 0, errmsg: 'ok' }) as { readonly errcode: 0; readonly errmsg: 'ok' };
