import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthorizationExchange } from '../component/authorization-exchange.js';
import { AuthorizerRegistry } from '../store/authorizer-registry.js';
import { AuthorizerTokens } from '../token/authorizer-tokens.js';
import { ClearQuotaBudget } from '../component/clear-quota-budget.js';
import { WeChatComponentError } from '../errors/wechat-component.errors.js';
import { WeChatHttpClient } from '../http/wechat-http.client.js';
import { ComponentClient } from '../component/component-client.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { AuthorizerClient } from './authorizer-client.js';
import { AuthorizerTickets } from '../token/authorizer-tickets.js';

/** An authorization the caller already holds (from another platform implementation, or its own database). */
export interface ImportedAuthorization {
  /** The authorizer's AppID. */
  readonly appId: string;
  /** Its `authorizer_refresh_token` for this component. */
  readonly refreshToken: string;
  /** A current `authorizer_access_token`, if the caller has one (kept until it expires; else one is fetched). */
  readonly accessToken?: string;
  /** Seconds `accessToken` has left; required with it. */
  readonly expiresIn?: number;
}

/**
 * Hands out {@link AuthorizerClient}s — wechatpy's `get_client_by_appid`, `get_client_by_authorization_code` and
 * `get_client(appid, refresh_token, access_token)` ({@link importAuthorization}).
 */
@Injectable()
export class AuthorizerClientFactory {
  private readonly logger = new Logger('AuthorizerClientFactory');

  constructor(
    private readonly http: WeChatHttpClient,
    private readonly tokens: AuthorizerTokens,
    private readonly registry: AuthorizerRegistry,
    private readonly exchange: AuthorizationExchange,
    private readonly tickets: AuthorizerTickets,
    private readonly component: ComponentClient,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    private readonly clearQuota: ClearQuotaBudget,
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
      oauth: this.component.oauthFor(authorizerAppId),
      mpBaseUrl: this.options.mpBaseUrl,
      componentAppId: this.options.componentAppId,
      clearQuota: this.clearQuota,
    });
  }

  /** Exchanges an authorization code (api_query_auth, stored) and returns the new authorizer's client. */
  async getClientByAuthorizationCode(authorizationCode: string): Promise<AuthorizerClient> {
    const { authorizerAppId } = await this.exchange.queryAuth(authorizationCode);
    return this.getClient(authorizerAppId);
  }

  /**
   * Brings in an authorization the caller already holds — migrating from another implementation of the same
   * platform, or from its own database — and returns its client (wechatpy's `WeChatComponent.get_client`).
   *
   * The refresh token is recorded through the registry's conditional write as an authorization of unknown time
   * (event time 0), and only for an account the platform does not know yet: a record the platform already holds —
   * from a push, a redirect, a reconciliation or an earlier import — is newer knowledge and is kept, so an import
   * never overwrites a newer refresh token (nor revives a revoked account: its client is refused as for any revoked
   * account). Any authorization event WeChat pushes later applies over the import. The access token, if given, is
   * stored only when the record holds this very refresh token; otherwise the scheduled refresh fetches one.
   */
  async importAuthorization(authorization: ImportedAuthorization): Promise<AuthorizerClient> {
    const { appId, refreshToken, accessToken, expiresIn } = authorization;
    if (!/^wx[0-9a-zA-Z]{16}$/.test(appId ?? '') || typeof refreshToken !== 'string' || refreshToken.trim() === '') {
      throw new WeChatComponentError('IMPORT_INVALID', 'importAuthorization needs an appId (wx…) and a refresh token.');
    }
    if (accessToken !== undefined && !(typeof expiresIn === 'number' && expiresIn > 0)) {
      throw new WeChatComponentError('IMPORT_INVALID', 'importAuthorization: an accessToken needs expiresIn (the seconds it has left).');
    }
    let record = await this.registry.get(appId);
    if (!record) {
      // Event time 0: an authorization event of any time (a push racing this import) wins over it.
      record = (await this.registry.recordAuthorization(appId, { refreshToken, funcScopeIds: [], eventAt: 0 })).record;
    } else if (record.refreshToken !== refreshToken) {
      this.logger.log(`Authorizer ${appId}: already known (${record.status}); its stored authorization is kept over the imported one`);
    }
    if (record?.status === 'authorized' && record.refreshToken === refreshToken) {
      if (accessToken !== undefined && expiresIn !== undefined) await this.tokens.put(appId, { token: accessToken, expiresInSeconds: expiresIn });
      else await this.tokens.scheduleIfAbsent(appId);
    }
    return this.getClient(appId);
  }
}
