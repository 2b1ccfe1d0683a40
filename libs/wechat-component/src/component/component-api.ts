import { Inject, Injectable } from '@nestjs/common';
import { WeChatHttpClient } from '../http/wechat-http.client.js';
import type { QueryParams } from '../http/wechat-request.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import type {
  AuthorizerInfo,
  AuthorizerList,
  AuthorizerOption,
  AuthorizerTokenAnswer,
  PreAuthCodeAnswer,
  QueryAuthAnswer,
  WeChatAck,
} from './component-api.types.js';
import { ComponentTokenProvider } from './component-token.provider.js';

/** The component endpoints called with the component access token, one method each, as WeChat names them. */
@Injectable()
export class ComponentApi {
  constructor(
    private readonly http: WeChatHttpClient,
    private readonly componentToken: ComponentTokenProvider,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /** POSTs `body` (plus `component_appid`) to a component endpoint with the component token. */
  post<T>(path: string, body: Record<string, unknown> = {}): Promise<T> {
    return this.http.call<T>({
      method: 'POST',
      path,
      body: { component_appid: this.options.componentAppId, ...body },
      credential: this.componentToken,
    });
  }

  /** GETs a component endpoint with the component token (`component_appid` added to the query). */
  get<T>(path: string, query: QueryParams = {}): Promise<T> {
    return this.http.call<T>({
      method: 'GET',
      path,
      query: { component_appid: this.options.componentAppId, ...query },
      credential: this.componentToken,
    });
  }

  createPreAuthCode(): Promise<PreAuthCodeAnswer> {
    return this.post('/cgi-bin/component/api_create_preauthcode');
  }

  queryAuth(authorizationCode: string): Promise<QueryAuthAnswer> {
    return this.post('/cgi-bin/component/api_query_auth', { authorization_code: authorizationCode });
  }

  authorizerToken(authorizerAppId: string, refreshToken: string): Promise<AuthorizerTokenAnswer> {
    return this.post('/cgi-bin/component/api_authorizer_token', {
      authorizer_appid: authorizerAppId,
      authorizer_refresh_token: refreshToken,
    });
  }

  authorizerInfo(authorizerAppId: string): Promise<AuthorizerInfo> {
    return this.post('/cgi-bin/component/api_get_authorizer_info', { authorizer_appid: authorizerAppId });
  }

  authorizerList(offset: number, count: number): Promise<AuthorizerList> {
    return this.post('/cgi-bin/component/api_get_authorizer_list', { offset, count });
  }

  getAuthorizerOption(authorizerAppId: string, optionName: string): Promise<AuthorizerOption> {
    return this.post('/cgi-bin/component/api_get_authorizer_option', {
      authorizer_appid: authorizerAppId,
      option_name: optionName,
    });
  }

  setAuthorizerOption(authorizerAppId: string, optionName: string, optionValue: string): Promise<WeChatAck> {
    return this.post('/cgi-bin/component/api_set_authorizer_option', {
      authorizer_appid: authorizerAppId,
      option_name: optionName,
      option_value: optionValue,
    });
  }
}
