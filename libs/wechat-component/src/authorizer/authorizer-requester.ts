import type { QueryParams } from '../http/wechat-request.js';

/**
 * How API groups call WeChat for one authorizer: the authorizer's access token is added, refreshed and retried by
 * the one request path of the module.
 */
export interface AuthorizerRequester {
  /** The authorizer's AppID. */
  readonly appId: string;
  get<T>(path: string, query?: QueryParams): Promise<T>;
  post<T>(path: string, body?: unknown, query?: QueryParams): Promise<T>;
}
