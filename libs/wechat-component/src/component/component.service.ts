import { Inject, Injectable } from '@nestjs/common';
import type { WeChatApiError } from '../errors/wechat-api.error.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import { STORE_BACKEND } from '../store/store-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { AuthorizerReconciler, type ReconcileSummary } from './authorizer-reconciler.js';
import type { AuthorizerRecord } from '../store/authorizer-store.js';
import type { StoreBackend } from '../store/store-backend.js';
import type { ComponentOAuth } from './component-oauth.js';
import type {
  AuthorizationResult,
  AuthorizerInfo,
  AuthorizerList,
  AuthorizerListItem,
  AuthorizerOption,
  AuthorizerOptionName,
  PreAuthCodeAnswer,
} from './component-api.types.js';
import { AuthorizationExchange } from './authorization-exchange.js';
import { checkHealth, type ComponentHealth, type HealthCheckOptions, type HealthReads } from './component-health.js';
import { type AuthorizationUrlOptions, buildAuthorizationUrl, buildMobileAuthorizationUrl } from './authorization-url.js';
import { AuthorizerRegistry } from '../store/authorizer-registry.js';
import { AuthorizerTokens } from '../token/authorizer-tokens.js';
import { ComponentClient } from './component-client.js';
import { PlatformDiagnostics } from './platform-diagnostics.js';
import type { QuotaView, QuotaViewOptions, RidInfo } from './platform-diagnostics.types.js';
import { ComponentTokenProvider } from '../token/component-token.provider.js';
import { TokenRefreshScheduler, type RefreshPassSummary } from '../token/token-refresh.scheduler.js';
import { VerifyTicketStore } from '../store/verify-ticket.store.js';

/** An authorizer as the platform knows it, with its current access token's expiry. */
export interface AuthorizerSummary {
  readonly appId: string;
  readonly status: AuthorizerRecord['status'];
  /** Epoch ms at which the stored access token expires; null when none is stored. */
  readonly accessTokenExpiresAt: number | null;
  readonly funcScopeIds: readonly number[];
  readonly authorizedAt: number;
}

/**
 * The third-party platform itself — what wechatpy's `WeChatComponent` offers: the verify ticket, the component
 * access token, authorization links and codes, the authorizers and their tokens, options and quota.
 */
@Injectable()
export class ComponentService {
  constructor(
    private readonly componentToken: ComponentTokenProvider,
    private readonly tickets: VerifyTicketStore,
    private readonly exchange: AuthorizationExchange,
    private readonly authorizerTokens: AuthorizerTokens,
    private readonly registry: AuthorizerRegistry,
    private readonly reconciler: AuthorizerReconciler,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    private readonly componentClient: ComponentClient,
    private readonly platformDiagnostics: PlatformDiagnostics,
    private readonly refreshScheduler: TokenRefreshScheduler,
  ) {}

  /**
   * The platform's own client (component token): fast registration, its domains, and any component-token API the
   * module does not wrap (`client.post(path, body)`).
   */
  get client(): ComponentClient {
    return this.componentClient;
  }

  /** Diagnosis and quotas, each asked with the token of the account concerned (`openapi/rid/get`, `quota/get` …). */
  get diagnostics(): PlatformDiagnostics {
    return this.platformDiagnostics;
  }

  /**
   * WeChat's explanation of a failed call (`openapi/rid/get`, within 7 days): asked by the error's `rid` with the
   * token of the account the call was made for — the platform's or that authorizer's.
   */
  explainError(error: WeChatApiError): Promise<RidInfo> {
    return this.platformDiagnostics.explainError(error);
  }

  /**
   * An account's quotas (an authorizer's, or the platform's without `appId`): the daily quota of each API asked for,
   * the platform's audit quota (`auditQuotaVia` a mini program), and the `clear_quota` resets used this month.
   */
  getQuotaView(options: QuotaViewOptions = {}): Promise<QuotaView> {
    return this.platformDiagnostics.getQuotaView(options);
  }

  /** The component AppID this service acts for. */
  get componentAppId(): string {
    return this.options.componentAppId;
  }

  /** A usable component access token (fetched once across instances when missing or about to expire). */
  getAccessToken(): Promise<string> {
    return this.componentToken.getToken();
  }

  /** Refreshes the component access token now (whether due or not) and returns the new one. */
  async refreshAccessToken(): Promise<string> {
    return (await this.componentToken.forceRefresh()).token;
  }

  /** A new pre-authorization code (single use, 10 minutes). */
  createPreAuthCode(): Promise<PreAuthCodeAnswer> {
    return this.componentClient.createPreAuthCode();
  }

  /** The PC authorization page URL, with a fresh pre-auth code; WeChat redirects to `redirectUri?auth_code=…`. */
  async getAuthorizationUrl(redirectUri: string, options: AuthorizationUrlOptions = {}): Promise<string> {
    return buildAuthorizationUrl(await this.linkParts(redirectUri), options);
  }

  /** The mobile authorization link (opened inside WeChat), with a fresh pre-auth code. */
  async getMobileAuthorizationUrl(redirectUri: string, options: AuthorizationUrlOptions = {}): Promise<string> {
    return buildMobileAuthorizationUrl(await this.linkParts(redirectUri), options);
  }

  /**
   * Exchanges an authorization code (from the redirect or the `authorized` push) with `api_query_auth`, stores the
   * authorizer's tokens and registers it. Calling it again with the same code returns the same result.
   */
  queryAuth(authorizationCode: string): Promise<AuthorizationResult> {
    return this.exchange.queryAuth(authorizationCode);
  }

  /** Refreshes an authorizer's access token now with its stored refresh token (saving a rotated one). */
  async refreshAuthorizerToken(authorizerAppId: string): Promise<{ expiresAt: number }> {
    const record = await this.authorizerTokens.forceRefresh(authorizerAppId);
    return { expiresAt: record.expiresAt };
  }

  /** An authorizer's account details and granted permissions (`api_get_authorizer_info`). */
  getAuthorizerInfo(authorizerAppId: string): Promise<AuthorizerInfo> {
    return this.componentClient.getAuthorizerInfo(authorizerAppId);
  }

  /** One authorizer option (`api_get_authorizer_option`). */
  getAuthorizerOption(authorizerAppId: string, optionName: AuthorizerOptionName): Promise<AuthorizerOption> {
    return this.componentClient.getAuthorizerOption(authorizerAppId, optionName);
  }

  /** Sets one authorizer option (`api_set_authorizer_option`); values are strings such as `"1"`. */
  setAuthorizerOption(authorizerAppId: string, optionName: AuthorizerOptionName, optionValue: string): Promise<void> {
    return this.componentClient.setAuthorizerOption(authorizerAppId, optionName, optionValue);
  }

  /** One page of the accounts WeChat says authorized this platform (`api_get_authorizer_list`, count ≤ 500). */
  getAuthorizerList(offset = 0, count = 500): Promise<AuthorizerList> {
    return this.componentClient.getAuthorizerList(offset, count);
  }

  /** Every account WeChat lists as authorized, page by page. */
  async *iterateAuthorizerList(pageSize = 500): AsyncGenerator<AuthorizerListItem> {
    for await (const page of this.componentClient.iterateAuthorizerList({ pageSize })) yield* page;
  }

  /**
   * Re-reads every authorization from `api_get_authorizer_list` and brings the stored ones in line: accounts WeChat
   * lists but this platform does not know (e.g. after a Redis flush) are registered with their refresh token, stale
   * refresh tokens are replaced by the listed ones, and every authorized account gets an entry in the scheduled
   * refresh. Safe to run at any time, on any instance; the `reconcile` option also runs it on a schedule.
   */
  reconcileAuthorizers(): Promise<ReconcileSummary> {
    return this.reconciler.reconcile();
  }

  /**
   * Runs one pass of the scheduled refresh now — what every `refresh.cron` tick does: the component token and the
   * authorizer tokens that are due, claimed across instances; a pass already running on this instance is shared.
   */
  refreshDueTokens(): Promise<RefreshPassSummary> {
    return this.refreshScheduler.runOnce();
  }

  /** The stored record of one authorizer, if known. */
  getAuthorizer(authorizerAppId: string): Promise<AuthorizerRecord | undefined> {
    return this.registry.get(authorizerAppId);
  }

  /** Every authorizer this platform knows (stored), with its status and token expiry. */
  async *listAuthorizers(): AsyncGenerator<AuthorizerSummary> {
    for await (const record of this.registry.all()) {
      const token = await this.authorizerTokens.read(record.appId);
      yield {
        appId: record.appId,
        status: record.status,
        accessTokenExpiresAt: token?.expiresAt ?? null,
        funcScopeIds: record.funcScopeIds,
        authorizedAt: record.authorizedAt,
      };
    }
  }

  /** Asks WeChat to (re)start pushing the verify ticket; it pushes one right away. */
  startPushTicket(): Promise<void> {
    return this.componentToken.startPushTicket();
  }

  /** Resets the platform's own API quota (`cgi-bin/clear_quota`, 10 times a month, counted: `getQuotaView`). */
  clearQuota(): Promise<void> {
    return this.componentClient.clearQuota();
  }

  /**
   * Resets a quota with the AppSecret instead of a token (`component/clear_quota/v2`) — the way out when the token
   * quota itself is exhausted. Without `authorizerAppId`, resets the platform's own quota.
   */
  clearQuotaWithSecret(authorizerAppId?: string): Promise<void> {
    return this.componentClient.clearQuotaWithSecret(authorizerAppId);
  }

  /** Web OAuth on behalf of an authorized official account. */
  getComponentOAuth(authorizerAppId: string): ComponentOAuth {
    return this.componentClient.oauthFor(authorizerAppId);
  }

  /**
   * Whether the store answers (within `options.timeoutMs`, default 1 s — never longer), how old the stored ticket is
   * and whether a usable component token is stored. Never throws: an unreachable store is part of the answer.
   */
  getHealth(options: HealthCheckOptions = {}): Promise<ComponentHealth> {
    const reads: HealthReads = {
      store: this.backend.kind,
      readTicket: () => this.tickets.read(),
      readComponentToken: () => this.componentToken.read(),
    };
    return checkHealth(reads, options);
  }

  private async linkParts(redirectUri: string) {
    const { pre_auth_code: preAuthCode } = await this.componentClient.createPreAuthCode();
    return { mpBaseUrl: this.options.mpBaseUrl, componentAppId: this.options.componentAppId, preAuthCode, redirectUri };
  }

}
