import type { WeChatHttpClient } from '../http/wechat-http.client.js';
import type { AccessTokenSource, QueryParams } from '../http/wechat-request.js';
import { MenuApi } from './apis/menu.api.js';
import { MessageApi } from './apis/message.api.js';
import type { AuthorizerRequester } from './authorizer-requester.js';

/**
 * Calls WeChat on behalf of one authorized official account or mini program. Its access token is kept exactly like
 * the component token: cached in the store, refreshed once across instances, dropped and retried once on 40001.
 * Cheap to create; get one from {@link AuthorizerClientFactory} whenever needed.
 */
export class AuthorizerClient implements AuthorizerRequester {
  /** Custom menu (自定义菜单). */
  readonly menu: MenuApi;
  /** Customer-service messages (客服消息). */
  readonly message: MessageApi;

  constructor(
    /** The authorizer's AppID. */
    readonly appId: string,
    private readonly http: WeChatHttpClient,
    private readonly credential: AccessTokenSource,
  ) {
    this.menu = new MenuApi(this);
    this.message = new MessageApi(this);
  }

  /** A usable access token of this authorizer, e.g. for a call this client does not wrap yet. */
  getAccessToken(): Promise<string> {
    return this.credential.getToken();
  }

  /** GET any authorizer API, e.g. `client.get('/cgi-bin/get_current_selfmenu_info')`. */
  get<T>(path: string, query?: QueryParams): Promise<T> {
    return this.http.call<T>({ method: 'GET', path, query, credential: this.credential });
  }

  /** POST JSON to any authorizer API. */
  post<T>(path: string, body: unknown = {}, query?: QueryParams): Promise<T> {
    return this.http.call<T>({ method: 'POST', path, body, query, credential: this.credential });
  }
}
