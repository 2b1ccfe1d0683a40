import { Inject, Injectable, Logger } from '@nestjs/common';
import { isWeChatApiError, WeChatErrorCode } from '../errors/wechat-api.error.js';
import { AuthorizerReauthorizationRequiredError, AuthorizerRevokedError } from '../errors/wechat-component.errors.js';
import type { AccessTokenSource } from '../http/wechat-request.js';
import type { AuthorizerRecord } from '../store/authorizer-store.js';
import { STORE_BACKEND } from '../options/option-tokens.js';
import { RefreshTiming } from '../refresh/refresh-timing.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import { TokenKeeper, type ManagedToken, type RefreshOutcome } from '../token/token-keeper.js';
import type { FetchedToken, TokenRecord } from '../token/token-record.js';
import { ComponentApi } from './component-api.js';
import { AuthorizerRegistry } from './authorizer-registry.js';

const LIST_PAGE = 500;

/**
 * Authorizer access tokens, kept by the {@link TokenKeeper} exactly like the component token, refreshed with the
 * stored refresh token. 61003 marks the account revoked; 61023 re-reads the refresh token from
 * `api_get_authorizer_list` and tries once more before marking it `reauthorization_required`. A rotated refresh
 * token is saved; a failed refresh never touches the stored one.
 */
@Injectable()
export class AuthorizerTokens {
  private readonly logger = new Logger('AuthorizerTokens');

  constructor(
    private readonly keeper: TokenKeeper,
    private readonly keys: StoreKeys,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    private readonly registry: AuthorizerRegistry,
    private readonly api: ComponentApi,
    private readonly timing: RefreshTiming,
  ) {}

  /** The token source an {@link AuthorizerClient} sends with its calls. */
  source(appId: string): AccessTokenSource {
    const managed = this.managed(appId);
    return {
      queryName: 'access_token',
      getToken: () => this.keeper.getToken(managed),
      invalidate: (token) => this.keeper.invalidate(managed, token),
    };
  }

  getToken(appId: string): Promise<string> {
    return this.keeper.getToken(this.managed(appId));
  }

  read(appId: string): Promise<TokenRecord | undefined> {
    return this.keeper.read(this.managed(appId));
  }

  forceRefresh(appId: string): Promise<TokenRecord> {
    return this.keeper.forceRefresh(this.managed(appId));
  }

  /** Stores the token that came with an api_query_auth answer. */
  put(appId: string, fetched: FetchedToken): Promise<TokenRecord> {
    return this.keeper.put(this.managed(appId), fetched);
  }

  /**
   * For the scheduled refresh: refreshes the token if it is due (or missing) once its lease is held; 'busy' when
   * another caller holds the lease.
   */
  async refreshIfDue(appId: string): Promise<RefreshOutcome> {
    // The authorizer's record is read right behind the lease and the token (one round trip), not after them.
    // (fetch runs only once the lease is held, long after `stored` is set below.)
    const managed: ManagedToken = { ...this.managed(appId), fetch: async () => this.fetch(appId, await stored) };
    const refreshing = this.keeper.refreshIfDue(managed, (record) => this.timing.isDue(appId, record, Date.now()));
    const stored: Promise<AuthorizerRecord | undefined> = this.registry.get(appId);
    stored.catch(() => undefined); // awaited (and its failure reported) by fetch, if a fetch happens at all
    const outcome = await refreshing;
    if (outcome === 'not-due') {
      // Indexed too early (e.g. scheduled by reconciliation while a token was stored): put it back at its due time.
      const record = await this.keeper.read(managed);
      if (record) await this.backend.indexAdd(this.keys.refreshDueIndex, appId, this.timing.dueAt(appId, record));
    }
    return outcome;
  }

  /**
   * Puts the authorizer in the scheduled refresh's index, due now, unless it is there already (an account
   * registered by reconciliation, or one whose index entry was lost). True when added.
   */
  scheduleIfAbsent(appId: string): Promise<boolean> {
    return this.backend.indexAddIfAbsent(this.keys.refreshDueIndex, appId, Date.now());
  }

  /** Takes the authorizer out of the scheduled refresh (nothing to refresh until it authorizes again). */
  unschedule(appId: string): Promise<void> {
    return this.backend.indexRemove(this.keys.refreshDueIndex, appId);
  }

  /** Forgets everything about a revoked account but the fact that it revoked. */
  async revoke(appId: string): Promise<void> {
    await this.registry.revoked(appId);
    await this.keeper.remove(this.managed(appId));
    await this.unschedule(appId);
  }

  private managed(appId: string): ManagedToken {
    return {
      key: this.keys.authorizerToken(appId),
      label: `authorizer ${appId}`,
      fetch: () => this.fetch(appId),
      afterStore: (record) => this.backend.indexAdd(this.keys.refreshDueIndex, appId, this.timing.dueAt(appId, record)),
    };
  }

  private async fetch(appId: string, stored?: AuthorizerRecord): Promise<FetchedToken> {
    const { refreshToken } = stored ? this.registry.checkAuthorized(appId, stored) : await this.registry.requireAuthorized(appId);
    try {
      return await this.exchange(appId, refreshToken, refreshToken);
    } catch (error) {
      if (isWeChatApiError(error, WeChatErrorCode.COMPONENT_NOT_AUTHORIZED)) {
        this.logger.warn(`Authorizer ${appId} is no longer authorized (61003); marking it revoked`);
        await this.revoke(appId);
        throw new AuthorizerRevokedError(appId);
      }
      if (isWeChatApiError(error, WeChatErrorCode.REFRESH_TOKEN_INVALID)) return this.recover(appId, refreshToken);
      throw error;
    }
  }

  /** Refreshes with `refreshToken`; saves the refresh token WeChat answers with when it is not the `stored` one. */
  private async exchange(appId: string, refreshToken: string, stored: string): Promise<FetchedToken> {
    const answer = await this.api.authorizerToken(appId, refreshToken);
    const current = answer.authorizer_refresh_token || refreshToken;
    if (current !== stored) await this.registry.updateRefreshToken(appId, current);
    return { token: answer.authorizer_access_token, expiresInSeconds: answer.expires_in };
  }

  /** 61023: WeChat support's remedy is the refresh token listed by api_get_authorizer_list. */
  private async recover(appId: string, refused: string): Promise<FetchedToken> {
    const listed = await this.findListedRefreshToken(appId);
    if (listed && listed !== refused) {
      this.logger.warn(`Authorizer ${appId}: stored refresh token refused (61023); retrying with the listed one`);
      try {
        return await this.exchange(appId, listed, refused);
      } catch (error) {
        if (!isWeChatApiError(error, WeChatErrorCode.REFRESH_TOKEN_INVALID)) throw error;
      }
    }
    this.logger.error(`Authorizer ${appId}: refresh token invalid (61023) and none better listed; re-authorization required`);
    await this.registry.setStatus(appId, 'reauthorization_required');
    throw new AuthorizerReauthorizationRequiredError(appId);
  }

  private async findListedRefreshToken(appId: string): Promise<string | undefined> {
    for (let offset = 0; ; offset += LIST_PAGE) {
      const page = await this.api.authorizerList(offset, LIST_PAGE);
      const row = page.list.find((item) => item.authorizer_appid === appId);
      if (row) return row.refresh_token;
      if (page.list.length < LIST_PAGE || offset + LIST_PAGE >= page.total_count) return undefined;
    }
  }
}
