import { Inject, Injectable } from '@nestjs/common';
import type { WeChatAck } from '../apis/common.js';
import { WeChatHttpClient } from '../http/wechat-http.client.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import type { ComponentTokenAnswer, ComponentTokenIssuer } from '../token/token-issuers.js';

/**
 * The two component endpoints that come before any token: they are signed with the AppSecret, and the component
 * token's keeper (below this folder) calls them to obtain the token every other component endpoint carries — so
 * they cannot go through {@link ComponentClient}, which needs that token.
 */
@Injectable()
export class ComponentTokenEndpoints implements ComponentTokenIssuer {
  constructor(
    private readonly http: WeChatHttpClient,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /**
   * `api_component_token`: a component access token for the latest verify ticket. Never retried (a POST).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/ticket-token/getComponentAccessToken.html
   */
  getComponentToken(verifyTicket: string): Promise<ComponentTokenAnswer> {
    return this.http.call<ComponentTokenAnswer>({
      method: 'POST',
      path: '/cgi-bin/component/api_component_token',
      body: {
        component_appid: this.options.componentAppId,
        component_appsecret: this.options.componentAppSecret,
        component_verify_ticket: verifyTicket,
      },
    });
  }

  /**
   * `api_start_push_ticket`: WeChat (re)starts the verify-ticket pushes and pushes one right away.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/ticket-token/startPushTicket.html
   */
  async startPushTicket(): Promise<void> {
    await this.http.call<WeChatAck>({
      method: 'POST',
      path: '/cgi-bin/component/api_start_push_ticket',
      body: { component_appid: this.options.componentAppId, component_secret: this.options.componentAppSecret },
    });
  }
}
