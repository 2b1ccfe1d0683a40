import type { MultipartField } from './multipart.js';

/** Supplies the access token a request carries, and drops it when WeChat rejects it. */
export interface AccessTokenSource {
  /** Query parameter carrying the token: `component_access_token` for component APIs, `access_token` otherwise. */
  readonly queryName: 'component_access_token' | 'access_token';
  getToken(): Promise<string>;
  /** WeChat rejected `token` (40001/40014/42001): drop it if it is still the current one. */
  invalidate(token: string): Promise<void>;
}

/** Query parameters; undefined values are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/** One call to a WeChat HTTP API. */
export interface WeChatRequest {
  readonly method: 'GET' | 'POST';
  /** Path under the API base URL, e.g. `/cgi-bin/component/api_query_auth`. */
  readonly path: string;
  readonly query?: QueryParams;
  /** JSON body (POST). */
  readonly body?: unknown;
  /** A `multipart/form-data` body (uploads), sent instead of `body`; files are streamed. */
  readonly multipart?: readonly MultipartField[];
  /**
   * `file` for APIs that answer with a file (media, QR codes): binary answers come back as a `WeChatFile`, JSON
   * answers are checked and parsed as usual. Default `json`.
   */
  readonly responseType?: 'json' | 'file';
  /** Another WeChat origin than the API's, e.g. the mp.weixin.qq.com base URL for `showqrcode`. */
  readonly baseUrl?: string;
  /** The token to send; omit for the few calls that take none. */
  readonly credential?: AccessTokenSource;
  /**
   * The account whose token `credential` supplies (an authorizer's AppID, or the component's): recorded on a
   * `WeChatApiError`, so the failure can be explained later with that account's token (`openapi/rid/get`).
   */
  readonly appId?: string;
  /**
   * Whether sending it twice does no harm, so a transient failure (HTTP 5xx, a reset, the deadline, errcode -1) may
   * be retried — WeChat may have acted on an attempt whose answer was lost. Default: true for GET, false for POST.
   * Flag only calls that read; never calls that issue or rotate tokens or codes, withdraw or revert something.
   */
  readonly idempotent?: boolean;
}

/** Whether `request` may be sent again after a transient failure (see {@link WeChatRequest.idempotent}). */
export function isIdempotent(request: WeChatRequest): boolean {
  return request.idempotent ?? request.method === 'GET';
}

/** `source` sending its token under another query parameter name (WeChat's newer docs say `access_token`). */
export function tokenSourceAs(source: AccessTokenSource, queryName: AccessTokenSource['queryName']): AccessTokenSource {
  return { queryName, getToken: () => source.getToken(), invalidate: (token) => source.invalidate(token) };
}
