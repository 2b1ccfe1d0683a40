import { Inject, Injectable } from '@nestjs/common';
import type { ApiRequest, ApiRequester, WeChatEnvelope } from '../apis/common.js';
import { WeChatHttpClient } from '../http/wechat-http.client.js';
import { tokenSourceAs, type QueryParams } from '../http/wechat-request.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { ComponentTokenProvider } from '../token/component-token.provider.js';
import type { AuthorizerTokenAnswer, AuthorizerTokenIssuer } from '../token/token-issuers.js';
import { FastRegistrationApi } from './apis/fast-registration.api.js';
import { ClearQuotaBudget, clearQuotaOf } from './clear-quota-budget.js';
import { PlatformDomainApi } from './apis/platform-domain.api.js';
import type {
  AuthorizerInfo,
  AuthorizerList,
  AuthorizerListItem,
  AuthorizerOption,
  AuthorizerOptionName,
  PreAuthCodeAnswer,
  QueryAuthAnswer,
} from './component-api.types.js';
import { ComponentOAuth } from './component-oauth.js';

/** Endpoints that only read: sending one twice does no harm, so transient failures are retried. */
const READS = { idempotent: true } as const;

/** The most accounts `api_get_authorizer_list` returns per page. */
const AUTHORIZER_LIST_PAGE = 500;

/**
 * Calls WeChat as the platform itself — every component endpoint the module uses goes through this one client: the
 * authorization endpoints (`api_create_preauthcode`, `api_query_auth`, `api_authorizer_token`, the authorizer
 * list, info and options), `clear_quota`, the groups below, web OAuth on behalf of an account, and any component-token
 * API the module does not wrap (`client.post('/cgi-bin/component/…', body)`). The two endpoints that issue the
 * component token itself take no token and are {@link ComponentTokenEndpoints}.
 *
 * The token comes from the same keeper as every other: read from the shared store, fetched once across instances,
 * dropped when WeChat rejects it (40001/40014/42001, only if it is still the stored one) and the call retried once.
 * It goes in `access_token`, as WeChat's current pages write it for every component endpoint ("可使用
 * component_access_token"); {@link ComponentClient.request} takes `tokenParam: 'component_access_token'` for an
 * endpoint that insists on the older name.
 *
 * Envelope rule: see `apis/common.ts` — actions (`setAuthorizerOption`, the quota resets) return nothing; the
 * authorization answers (`createPreAuthCode`, `queryAuth`, `getAuthorizerToken`, `getAuthorizerInfo`, the list and
 * the options) come back as WeChat documents them, since callers read several of their fields.
 *
 * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/ticket-token/getComponentAccessToken.html
 */
@Injectable()
export class ComponentClient implements ApiRequester, AuthorizerTokenIssuer {
  /** Fast registration of mini programs: enterprise (new flow), personal and beta (试用) ones. */
  readonly fastRegistration: FastRegistrationApi;
  /** The platform's own mini-program server and business (jump) domains and their confirm file. */
  readonly domain: PlatformDomainApi;

  constructor(
    private readonly http: WeChatHttpClient,
    private readonly componentToken: ComponentTokenProvider,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    private readonly quotaBudget: ClearQuotaBudget,
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

  /**
   * A new pre-authorization code (single use, 10 minutes).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/ticket-token/getPreAuthCode.html
   */
  createPreAuthCode(): Promise<PreAuthCodeAnswer> {
    return this.postAsComponent('/cgi-bin/component/api_create_preauthcode');
  }

  /**
   * Exchanges an authorization code for the authorizer's tokens and granted permissions. Not retried: a code is
   * single use.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/authorization-management/getAuthorizerAccessToken.html
   */
  queryAuth(authorizationCode: string): Promise<QueryAuthAnswer> {
    return this.postAsComponent('/cgi-bin/component/api_query_auth', { authorization_code: authorizationCode });
  }

  /**
   * A new authorizer access token for its refresh token. Never retried: WeChat may rotate the refresh token, and a
   * second try after a lost answer would rotate it twice.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/ticket-token/getAuthorizerAccessToken.html
   */
  getAuthorizerToken(authorizerAppId: string, refreshToken: string): Promise<AuthorizerTokenAnswer> {
    return this.postAsComponent('/cgi-bin/component/api_authorizer_token', {
      authorizer_appid: authorizerAppId,
      authorizer_refresh_token: refreshToken,
    });
  }

  /**
   * An authorizer's account details and granted permissions.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/authorization-management/getAuthorizerInfo.html
   */
  getAuthorizerInfo(authorizerAppId: string): Promise<AuthorizerInfo> {
    return this.postAsComponent('/cgi-bin/component/api_get_authorizer_info', { authorizer_appid: authorizerAppId }, READS);
  }

  /**
   * One page of the accounts WeChat says authorized this platform (`count` ≤ 500).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/authorization-management/getAuthorizerList.html
   */
  getAuthorizerList(offset = 0, count = AUTHORIZER_LIST_PAGE): Promise<AuthorizerList> {
    const pageSize = Math.min(Math.max(count, 1), AUTHORIZER_LIST_PAGE);
    return this.postAsComponent('/cgi-bin/component/api_get_authorizer_list', { offset, count: pageSize }, READS);
  }

  /**
   * Every account WeChat lists as authorized, page by page (`api_get_authorizer_list`); `beforePage` runs before each
   * page is asked for (a shared rate limit, say).
   */
  async *iterateAuthorizerList(
    options: { pageSize?: number; beforePage?: () => Promise<void> } = {},
  ): AsyncGenerator<AuthorizerListItem[], void, undefined> {
    const pageSize = Math.min(Math.max(options.pageSize ?? AUTHORIZER_LIST_PAGE, 1), AUTHORIZER_LIST_PAGE);
    for (let offset = 0; ; offset += pageSize) {
      await options.beforePage?.();
      const page = await this.getAuthorizerList(offset, pageSize);
      yield page.list;
      if (page.list.length < pageSize || offset + pageSize >= page.total_count) return;
    }
  }

  /**
   * One authorizer option.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/authorization-management/getAuthorizerOptionInfo.html
   */
  getAuthorizerOption(authorizerAppId: string, optionName: AuthorizerOptionName): Promise<AuthorizerOption> {
    return this.postAsComponent('/cgi-bin/component/api_get_authorizer_option', { authorizer_appid: authorizerAppId, option_name: optionName }, READS);
  }

  /**
   * Sets one authorizer option; values are strings such as `"1"`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/authorization-management/setAuthorizerOptionInfo.html
   */
  async setAuthorizerOption(authorizerAppId: string, optionName: AuthorizerOptionName, optionValue: string): Promise<void> {
    await this.postAsComponent<WeChatEnvelope>('/cgi-bin/component/api_set_authorizer_option', {
      authorizer_appid: authorizerAppId,
      option_name: optionName,
      option_value: optionValue,
    });
  }

  /**
   * Resets the platform's own API quota with the component token (10 times a month, counted: `getQuotaView`).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/openapi/clearQuota.html
   */
  clearQuota(): Promise<void> {
    return clearQuotaOf(this, this.quotaBudget);
  }

  /**
   * Resets a quota with the AppSecret instead of a token — the way out when the token quota itself is exhausted.
   * Without `authorizerAppId`, resets the platform's own quota. Counted with the token resets (one monthly budget).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/openapi/clearComponentQuotaByAppSecret.html
   */
  async clearQuotaWithSecret(authorizerAppId?: string): Promise<void> {
    await this.quotaBudget.track(authorizerAppId ?? this.options.componentAppId, () =>
      this.request<WeChatEnvelope>({
        method: 'POST',
        path: '/cgi-bin/component/clear_quota/v2',
        body: {
          component_appid: this.options.componentAppId,
          appsecret: this.options.componentAppSecret,
          ...(authorizerAppId ? { appid: authorizerAppId } : {}),
        },
        anonymous: true,
      }),
    );
  }

  /** Web OAuth and mini-program login on behalf of one authorized account (代公众号发起网页授权). */
  oauthFor(authorizerAppId: string): ComponentOAuth {
    return new ComponentOAuth(authorizerAppId, this, this.options.openBaseUrl);
  }

  /** POSTs to a component endpoint that wants `component_appid` in its body. */
  private postAsComponent<T>(path: string, body: Record<string, unknown> = {}, flags: { idempotent?: boolean } = {}): Promise<T> {
    return this.request<T>({
      method: 'POST',
      path,
      body: { component_appid: this.options.componentAppId, ...body },
      tokenParam: 'component_access_token',
      ...(flags.idempotent === undefined ? {} : { idempotent: flags.idempotent }),
    });
  }
}
