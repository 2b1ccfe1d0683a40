import { Inject, Injectable } from '@nestjs/common';
import type { WeChatAck } from '../apis/common.js';
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
} from './component-api.types.js';
import { ComponentTokenProvider } from '../token/component-token.provider.js';

/** Endpoints that only read: sending one twice does no harm, so transient failures are retried. */
const READS = { idempotent: true } as const;

/** The component endpoints called with the component access token, one method each, as WeChat names them. */
@Injectable()
export class ComponentApi {
  constructor(
    private readonly http: WeChatHttpClient,
    private readonly componentToken: ComponentTokenProvider,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /**
   * POSTs `body` (plus `component_appid`) to a component endpoint with the component token. `idempotent: true` for
   * the endpoints that only read, so transient failures are retried; never for those that issue or rotate tokens
   * and codes (a retried `api_authorizer_token` whose first answer was lost could rotate a refresh token twice).
   */
  post<T>(path: string, body: Record<string, unknown> = {}, flags: { idempotent?: boolean } = {}): Promise<T> {
    return this.http.call<T>({
      method: 'POST',
      path,
      body: { component_appid: this.options.componentAppId, ...body },
      credential: this.componentToken,
      ...(flags.idempotent === undefined ? {} : { idempotent: flags.idempotent }),
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
    return this.post('/cgi-bin/component/api_get_authorizer_info', { authorizer_appid: authorizerAppId }, READS);
  }

  authorizerList(offset: number, count: number): Promise<AuthorizerList> {
    return this.post('/cgi-bin/component/api_get_authorizer_list', { offset, count }, READS);
  }

  getAuthorizerOption(authorizerAppId: string, optionName: string): Promise<AuthorizerOption> {
    return this.post('/cgi-bin/component/api_get_authorizer_option', { authorizer_appid: authorizerAppId, option_name: optionName }, READS);
  }

  setAuthorizerOption(authorizerAppId: string, optionName: string, optionValue: string): Promise<WeChatAck> {
    return this.post('/cgi-bin/component/api_set_authorizer_option', {
      authorizer_appid: authorizerAppId,
      option_name: optionName,
      option_value: optionValue,
    });
  }
}
