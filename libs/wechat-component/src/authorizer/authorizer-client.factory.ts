import { Inject, Injectable } from '@nestjs/common';
import { AuthorizationExchange } from '../component/authorization-exchange.js';
import { AuthorizerRegistry } from '../component/authorizer-registry.js';
import { AuthorizerTokens } from '../component/authorizer-tokens.js';
import { ComponentTokenProvider } from '../component/component-token.provider.js';
import { WeChatHttpClient } from '../http/wechat-http.client.js';
import { ComponentOAuth } from '../oauth/component-oauth.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { AuthorizerClient } from './authorizer-client.js';
import { AuthorizerTickets } from './authorizer-tickets.js';

/** Hands out {@link AuthorizerClient}s — wechatpy's `get_client_by_appid` and `get_client_by_authorization_code`. */
@Injectable()
export class AuthorizerClientFactory {
  constructor(
    private readonly http: WeChatHttpClient,
    private readonly tokens: AuthorizerTokens,
    private readonly registry: AuthorizerRegistry,
    private readonly exchange: AuthorizationExchange,
    private readonly tickets: AuthorizerTickets,
    private readonly componentToken: ComponentTokenProvider,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /**
   * A client for an authorized account. Throws `AuthorizerNotFoundError`, `AuthorizerRevokedError` or
   * `AuthorizerReauthorizationRequiredError` — without calling WeChat — when the platform cannot act for it.
   */
  async getClient(authorizerAppId: string): Promise<AuthorizerClient> {
    await this.registry.requireAuthorized(authorizerAppId);
    const credential = this.tokens.source(authorizerAppId);
    return new AuthorizerClient(authorizerAppId, {
      http: this.http,
      credential,
      tickets: this.tickets.source(authorizerAppId, credential),
      oauth: new ComponentOAuth(authorizerAppId, {
        http: this.http,
        componentToken: this.componentToken,
        componentAppId: this.options.componentAppId,
        openBaseUrl: this.options.openBaseUrl,
      }),
      mpBaseUrl: this.options.mpBaseUrl,
    });
  }

  /** Exchanges an authorization code (api_query_auth, stored) and returns the new authorizer's client. */
  async getClientByAuthorizationCode(authorizationCode: string): Promise<AuthorizerClient> {
    const { authorizerAppId } = await this.exchange.queryAuth(authorizationCode);
    return this.getClient(authorizerAppId);
  }
}
