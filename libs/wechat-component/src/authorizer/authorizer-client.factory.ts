import { Injectable } from '@nestjs/common';
import { AuthorizationExchange } from '../component/authorization-exchange.js';
import { AuthorizerRegistry } from '../component/authorizer-registry.js';
import { AuthorizerTokens } from '../component/authorizer-tokens.js';
import { WeChatHttpClient } from '../http/wechat-http.client.js';
import { AuthorizerClient } from './authorizer-client.js';

/** Hands out {@link AuthorizerClient}s — wechatpy's `get_client_by_appid` and `get_client_by_authorization_code`. */
@Injectable()
export class AuthorizerClientFactory {
  constructor(
    private readonly http: WeChatHttpClient,
    private readonly tokens: AuthorizerTokens,
    private readonly registry: AuthorizerRegistry,
    private readonly exchange: AuthorizationExchange,
  ) {}

  /**
   * A client for an authorized account. Throws `AuthorizerNotFoundError`, `AuthorizerRevokedError` or
   * `AuthorizerReauthorizationRequiredError` — without calling WeChat — when the platform cannot act for it.
   */
  async getClient(authorizerAppId: string): Promise<AuthorizerClient> {
    await this.registry.requireAuthorized(authorizerAppId);
    return new AuthorizerClient(authorizerAppId, this.http, this.tokens.source(authorizerAppId));
  }

  /** Exchanges an authorization code (api_query_auth, stored) and returns the new authorizer's client. */
  async getClientByAuthorizationCode(authorizationCode: string): Promise<AuthorizerClient> {
    const { authorizerAppId } = await this.exchange.queryAuth(authorizationCode);
    return this.getClient(authorizerAppId);
  }
}
