import { Inject, Injectable } from '@nestjs/common';
import { AuthorizerRegistry } from '../store/authorizer-registry.js';
import { AuthorizerTokens } from '../token/authorizer-tokens.js';
import type { AuthorizerListItem } from './component-api.types.js';
import { ComponentClient } from './component-client.js';
import { RateLimiter } from '../store/rate-limiter.js';
import { runBounded } from './run-bounded.js';
import { CLOCK, type Clock } from '../common/clock.js';

const CONCURRENCY = 16;

/** What a reconciliation with `api_get_authorizer_list` found and did. */
export interface ReconcileSummary {
  /** Accounts WeChat lists as authorizing this platform. */
  readonly listed: number;
  /** Listed accounts this platform did not know (e.g. after a flush): registered with the listed refresh token. */
  readonly added: number;
  /**
   * Known accounts whose stored refresh token was not the listed one, or that needed re-authorization (or were
   * revoked before the listed authorization): the listed token was tried, WeChat accepted it, and it was adopted.
   */
  readonly updated: number;
  /** Known accounts whose refresh token matched. */
  readonly unchanged: number;
  /** Listed tokens WeChat refused (a page read before a rotation lists the older token): the stored one was kept. */
  readonly refused: number;
  /**
   * Accounts left for the next run: changed by another writer while this one looked, being refreshed right now, or
   * revoked by an event newer than the listed authorization.
   */
  readonly skipped: number;
  /** Listed without a refresh token (WeChat occasionally omits it): left as they were. */
  readonly withoutRefreshToken: number;
  /** Authorized accounts put (back) into the scheduled refresh, which had no entry there (new, or lost in a flush). */
  readonly scheduled: number;
}

type Outcome = Exclude<keyof ReconcileSummary, 'listed' | 'scheduled'>;

/**
 * Re-reads every authorization from `api_get_authorizer_list` — WeChat support's remedy for lost refresh tokens — and
 * brings the {@link AuthorizerRegistry} in line: unknown accounts are registered, and a listed token that differs from
 * the stored one (or belongs to an account marked for re-authorization) is adopted only once WeChat has accepted it,
 * over the record as read — a list page is a snapshot, and a token rotated after it was read must not be overwritten.
 * Every authorized account is made sure to have an entry in the scheduled refresh. Pages and token checks are paced by
 * the shared rate limit. Accounts the platform knows but WeChat does not list are left alone: the next refresh of
 * their token gets 61003 and marks them revoked.
 */
@Injectable()
export class AuthorizerReconciler {
  constructor(
    private readonly client: ComponentClient,
    private readonly registry: AuthorizerRegistry,
    private readonly tokens: AuthorizerTokens,
    private readonly limiter: RateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<ReconcileSummary> {
    const counts = { listed: 0, added: 0, updated: 0, unchanged: 0, refused: 0, skipped: 0, withoutRefreshToken: 0, scheduled: 0 };
    for await (const page of this.client.iterateAuthorizerList({ beforePage: () => this.limiter.acquire() })) {
      counts.listed += page.length;
      await runBounded(page, CONCURRENCY, async (item) => {
        const { outcome, authorized } = await this.reconcileOne(item);
        counts[outcome]++;
        if (authorized && (await this.tokens.scheduleIfAbsent(item.authorizer_appid))) counts.scheduled++;
      });
    }
    return counts;
  }

  /** Brings one listed account in line; `authorized` when it can now be refreshed. */
  private async reconcileOne(item: AuthorizerListItem): Promise<{ outcome: Outcome; authorized: boolean }> {
    const appId = item.authorizer_appid;
    const listed = item.refresh_token;
    if (!listed) return { outcome: 'withoutRefreshToken', authorized: false };
    const authorizedAt = item.auth_time ? item.auth_time * 1000 : this.clock.now();
    const record = await this.registry.get(appId);
    if (!record) {
      const registered = await this.registry.registerListed(appId, listed, authorizedAt);
      return { outcome: registered.written ? 'added' : 'skipped', authorized: registered.record?.status === 'authorized' };
    }
    if (record.status === 'authorized' && record.refreshToken === listed) return { outcome: 'unchanged', authorized: true };
    // Revoked by an event newer than this authorization: the list has not caught up yet.
    if (record.status === 'revoked' && record.lastEventAt >= authorizedAt) return { outcome: 'skipped', authorized: false };
    await this.limiter.acquire();
    const tried = await this.tokens.tryListedRefreshToken(record, listed);
    if (tried === 'adopted') return { outcome: 'updated', authorized: true };
    return { outcome: tried === 'refused' ? 'refused' : 'skipped', authorized: record.status === 'authorized' };
  }
}
