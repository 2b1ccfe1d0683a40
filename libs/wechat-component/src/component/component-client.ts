import { Inject, Injectable } from '@nestjs/common';
import type { ApiRequest, ApiRequester } from '../apis/common.js';
import { WeChatHttpClient } from '../http/wechat-http.client.js';
import { tokenSourceAs, type QueryParams } from '../http/wechat-request.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { FastRegistrationApi } from './apis/fast-registration.api.js';
import { PlatformDomainApi } from './apis/platform-domain.api.js';
import { ComponentTokenProvider } from '../token/component-token.provider.js';

/**
 * Calls WeChat as the platform itself, with the component access token — for the groups below and for any
 * component-token API the module does not wrap (`client.post('/cgi-bin/component/…', body)`). The token comes from
 * the same keeper as every other: read from the shared store, fetched once across instances, dropped when WeChat
 * rejects it (40001/40014/42001, only if it is still the stored one) and the call retried once.
 *
 * The token goes in `access_token`, as WeChat's current pages write it for every component endpoint ("可使用
 * component_access_token"); {@link ComponentClient.request} takes `tokenParam: 'component_access_token'` for an
 * endpoint that insists on the older name.
 */
@Injectable()
export class ComponentClient implements ApiRequester {
  /** Fast registration of mini programs: enterprise (new flow), personal and beta (试用) ones. */
  readonly fastRegistration: FastRegistrationApi;
  /** The platform's own mini-program server and business (jump) domains and their confirm file. */
  readonly domain: PlatformDomainApi;

  constructor(
    private readonly http: WeChatHttpClient,
    private readonly componentToken: ComponentTokenProvider,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {
    this.fastRegistration = new FastRegistrationApi(this);
    this.domain = new PlatformDomainApi(this);
  }

  /** The component AppID: the account every call of this client is made for. */
  get appId(): string {
    return this.options.componentAppId;
  }

  /** GETs a component-token API. */
  get<T>(path: string, query?: QueryParams): Promise<T> {
    return this.request<T>({ method: 'GET', path, ...(query ? { query } : {}) });
  }

  /** POSTs JSON to a component-token API (`component_appid` is not added: send it in `body` where WeChat wants it). */
  post<T>(path: string, body: unknown = {}, query?: QueryParams): Promise<T> {
    return this.request<T>({ method: 'POST', path, body, ...(query ? { query } : {}) });
  }

  /**
   * Any request on the module's one request path with the component token (or none, with `anonymous`).
   * @param request `tokenParam` names the query parameter of the token (default `access_token`).
   */
  request<T>(request: ApiRequest & { readonly tokenParam?: 'access_token' | 'component_access_token' }): Promise<T> {
    const { anonymous, tokenParam = 'access_token', ...rest } = request;
    if (anonymous) return this.http.call<T>(rest);
    return this.http.call<T>({ ...rest, appId: this.options.componentAppId, credential: tokenSourceAs(this.componentToken, tokenParam) });
  }
}
