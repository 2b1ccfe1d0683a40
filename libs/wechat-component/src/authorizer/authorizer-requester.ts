import type { QueryParams, WeChatRequest } from '../http/wechat-request.js';

/** A request made with an authorizer's access token (the token is added by the module). */
export type AuthorizerRequest = Omit<WeChatRequest, 'credential'> & {
  /** Send no token at all (e.g. `showqrcode` on mp.weixin.qq.com, which needs none). */
  readonly anonymous?: boolean;
};

/**
 * How API groups call WeChat for one authorizer: the authorizer's access token is added, refreshed and retried by
 * the one request path of the module.
 */
export interface AuthorizerRequester {
  /** The authorizer's AppID. */
  readonly appId: string;
  get<T>(path: string, query?: QueryParams): Promise<T>;
  post<T>(path: string, body?: unknown, query?: QueryParams): Promise<T>;
  /** Any request: uploads (`multipart`), downloads (`responseType: 'file'`), another origin (`baseUrl`). */
  request<T>(request: AuthorizerRequest): Promise<T>;
}
