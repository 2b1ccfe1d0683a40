import { Inject, Injectable, Logger } from '@nestjs/common';
import { isWeChatApiError, WeChatErrorCode } from '../errors/wechat-api.error.js';
import { AuthorizerReauthorizationRequiredError, AuthorizerRevokedError } from '../errors/wechat-component.errors.js';
import type { AccessTokenSource } from '../http/wechat-request.js';
import type { AuthorizerRecord } from '../store/authorizer-store.js';
import { STORE_BACKEND } from '../store/store-tokens.js';
import { RateLimiter } from '../store/rate-limiter.js';
import { RefreshTiming } from './refresh-timing.js';
import type { StoreBackend } from '../store/store-backend.js';
import { LeaseLock } from '../store/lease-lock.js';
import { StoreKeys } from '../store/store-keys.js';
import { TokenKeeper, type ManagedToken, type RefreshOutcome } from './token-keeper.js';
import type { FetchedToken, TokenRecord } from './token-record.js';
import { AUTHORIZER_TOKEN_ISSUER, type AuthorizerTokenAnswer, type AuthorizerTokenIssuer } from './token-issuers.js';
import { AuthorizerRegistry } from '../store/authorizer-registry.js';
import { CLOCK, type Clock } from '../common/clock.js';

/** What trying a listed refresh token (reconciliation) came to. */
export type ListedTokenOutcome = 'adopted' | 'refused' | 'busy' | 'superseded';

/**
 * Authorizer access tokens, kept by the {@link TokenKeeper} exactly like the component token, refreshed with the
 * stored refresh token. Every change to the authorizer's record is conditional on the record the refresh started
 * from: a rotated refresh token is saved only over the token that was used; 61003 marks the account revoked and 61023
 * marks it `reauthorization_required` only if the refused token is still the stored one — so a refresh that finishes
 * late never undoes what another instance, a push or a reconciliation did meanwhile. On 61023 the refresh token
 * `api_get_authorizer_info` returns for this one account is tried once (through the shared rate limit).
 */
@Injectable()
export class AuthorizerTokens {
  private readonly logger = new Logger('AuthorizerTokens');

  constructor(
    private readonly keeper: TokenKeeper,
    private readonly keys: StoreKeys,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    private readonly registry: AuthorizerRegistry,
    @Inject(AUTHORIZER_TOKEN_ISSUER) private readonly issuer: AuthorizerTokenIssuer,
    private readonly timing: RefreshTiming,
    private readonly limiter: RateLimiter,
    private readonly locks: LeaseLock,
    @Inject(CLOCK) private readonly clock: Clock,
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
    const refreshing = this.keeper.refreshIfDue(managed, (record) => this.timing.isDue(appId, record, this.clock.now()));
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
    return this.backend.indexAddIfAbsent(this.keys.refreshDueIndex, appId, this.clock.now());
  }

  /** Takes the authorizer out of the scheduled refresh (nothing to refresh until it authorizes again). */
  unschedule(appId: string): Promise<void> {
    return this.backend.indexRemove(this.keys.refreshDueIndex, appId);
  }

  /** Forgets the access token of an account that no longer authorizes the platform, and stops refreshing it. */
  async forget(appId: string): Promise<void> {
    await Promise.all([this.keeper.remove(this.managed(appId)), this.unschedule(appId)]);
  }

  /**
   * Reconciliation: tries a refresh token `api_get_authorizer_list` gave for an account whose stored record
   * (`record`, as read) differs or needs re-authorization. Adopted only if WeChat accepts it and the record is still
   * the one read — a list page read before a rotation lists the old token, which WeChat refuses (61023), so a stale
   * page never overwrites a newer token.
   */
  async tryListedRefreshToken(record: AuthorizerRecord, listed: string): Promise<ListedTokenOutcome> {
    const managed = this.managed(record.appId);
    const lease = await this.locks.tryAcquire(this.keys.lock(managed.key));
    if (!lease) return 'busy';
    try {
      let answer: AuthorizerTokenAnswer;
      try {
        answer = await this.issuer.getAuthorizerToken(record.appId, listed);
      } catch (error) {
        if (isWeChatApiError(error, WeChatErrorCode.REFRESH_TOKEN_INVALID) || isWeChatApiError(error, WeChatErrorCode.COMPONENT_NOT_AUTHORIZED)) {
          return 'refused';
        }
        throw error;
      }
      const adopted = await this.registry.adoptRefreshToken(record.appId, record.version, answer.authorizer_refresh_token || listed);
      if (!adopted.written) return 'superseded';
      await this.keeper.put(managed, tokenOf(answer), lease);
      return 'adopted';
    } finally {
      lease.release().catch(() => undefined);
    }
  }

  private managed(appId: string): ManagedToken {
    return {
      key: this.keys.authorizerToken(appId),
      label: `authorizer ${appId}`,
      fetch: () => this.fetch(appId),
      afterStore: (record) => this.afterStore(appId, record),
    };
  }

  /**
   * Indexes a stored token for the scheduled refresh — and, in the same round trip, re-reads the record: an account
   * revoked while its token was being fetched gets its token dropped again, so no refresh revives it.
   */
  private async afterStore(appId: string, token: TokenRecord): Promise<void> {
    const [, record] = await Promise.all([
      this.backend.indexAdd(this.keys.refreshDueIndex, appId, this.timing.dueAt(appId, token)),
      this.registry.get(appId),
    ]);
    if (record?.status === 'authorized') return;
    await Promise.all([this.keeper.invalidate(this.managed(appId), token.token), this.unschedule(appId)]);
  }

  /** One refresh, under the token's lease: `stored` is the record as read behind the lease (read now if absent). */
  private async fetch(appId: string, stored?: AuthorizerRecord, retried = false): Promise<FetchedToken> {
    const record = this.registry.checkAuthorized(appId, stored ?? (await this.registry.get(appId)));
    const used = record.refreshToken;
    let answer: AuthorizerTokenAnswer;
    try {
      answer = await this.issuer.getAuthorizerToken(appId, used);
    } catch (error) {
      if (isWeChatApiError(error, WeChatErrorCode.COMPONENT_NOT_AUTHORIZED)) {
        await this.recordRevokedByWeChat(appId, used);
        throw new AuthorizerRevokedError(appId);
      }
      if (!isWeChatApiError(error, WeChatErrorCode.REFRESH_TOKEN_INVALID)) throw error;
      const outcome = await this.recover(record);
      if (outcome !== 'superseded') return outcome;
      // The record changed while this refresh ran (another instance recovered or rotated it): one more try with it.
      if (retried) throw error;
      return this.fetch(appId, undefined, true);
    }
    const next = answer.authorizer_refresh_token || used;
    if (next !== used) {
      const rotation = await this.registry.rotateRefreshToken(appId, used, next);
      // Lost to a revocation or re-authorization meanwhile: say so rather than store a token for it.
      if (!rotation.written) this.registry.checkAuthorized(appId, rotation.record);
    }
    return tokenOf(answer);
  }

  /**
   * 61023: WeChat support's remedy is the refresh token WeChat itself holds for the account — read for this account
   * alone (`api_get_authorizer_info`, paced by the shared rate limit), never by scanning the whole list under the
   * lease. Adopted if WeChat accepts it and the record is unchanged; otherwise the account needs re-authorization
   * — recorded only if the refused token is still the stored one.
   */
  private async recover(record: AuthorizerRecord & { refreshToken: string }): Promise<FetchedToken | 'superseded'> {
    const { appId, refreshToken: refused } = record;
    await this.limiter.acquire();
    const info = await this.issuer.getAuthorizerInfo(appId);
    const listed = info.authorization_info.authorizer_refresh_token;
    if (listed && listed !== refused) {
      this.logger.warn(`Authorizer ${appId}: stored refresh token refused (61023); trying the one WeChat holds`);
      try {
        const answer = await this.issuer.getAuthorizerToken(appId, listed);
        const adopted = await this.registry.adoptRefreshToken(appId, record.version, answer.authorizer_refresh_token || listed);
        if (!adopted.written) this.registry.checkAuthorized(appId, adopted.record);
        return tokenOf(answer);
      } catch (error) {
        if (!isWeChatApiError(error, WeChatErrorCode.REFRESH_TOKEN_INVALID)) throw error;
      }
    }
    const marked = await this.registry.markReauthorizationRequired(appId, refused);
    if (!marked.written && marked.record?.status === 'authorized' && marked.record.refreshToken !== refused) return 'superseded';
    this.logger.error(`Authorizer ${appId}: refresh token invalid (61023) and WeChat holds no better one; re-authorization required`);
    throw new AuthorizerReauthorizationRequiredError(appId);
  }

  private async recordRevokedByWeChat(appId: string, used: string): Promise<void> {
    const revoked = await this.registry.markRevokedByWeChat(appId, used);
    if (!revoked.written) return;
    this.logger.warn(`Authorizer ${appId} is no longer authorized (61003); marked revoked`);
    await this.forget(appId);
  }
}

function tokenOf(answer: AuthorizerTokenAnswer): FetchedToken {
  return { token: answer.authorizer_access_token, expiresInSeconds: answer.expires_in };
}
