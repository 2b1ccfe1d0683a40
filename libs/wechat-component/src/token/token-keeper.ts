import { WeChatComponentError } from '../errors/wechat-component.errors.js';
import type { LeaseLock } from '../store/lease-lock.js';
import type { StoreBackend } from '../store/store-backend.js';
import type { StoreKeys } from '../store/store-keys.js';
import { type FetchedToken, isUsable, type TokenRecord, toTokenRecord } from './token-record.js';

/** One token the keeper looks after: where it lives and how to get a new one from WeChat. */
export interface ManagedToken {
  /** Store key of the {@link TokenRecord}. */
  readonly key: string;
  /** For logs and errors, e.g. `component` or `authorizer wx…`. Never the token itself. */
  readonly label: string;
  /** Asks WeChat for a new token. */
  fetch(): Promise<FetchedToken>;
  /** Called after a new record is stored (e.g. to index its expiry). */
  afterStore?(record: TokenRecord): Promise<void>;
}

/** Outcome of {@link TokenKeeper.refreshIfDue}. */
export type RefreshOutcome = 'refreshed' | 'not-due' | 'busy';

/**
 * Keeps access tokens fresh in the shared store: the component token and every authorizer token go through here.
 *
 * Read → usable? → else one refresh: in-process callers share one promise, instances share one lease lock (the
 * others wait and re-read the store). A token WeChat rejected is dropped only if it is still the stored one.
 */
export class TokenKeeper {
  private readonly inFlight = new Map<string, Promise<TokenRecord>>();

  constructor(
    private readonly backend: StoreBackend,
    private readonly keys: StoreKeys,
    private readonly locks: LeaseLock,
    private readonly waitMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  read(managed: ManagedToken): Promise<TokenRecord | undefined> {
    return this.backend.get<TokenRecord>(managed.key);
  }

  /** A usable token, refreshing it first if needed. */
  async getToken(managed: ManagedToken): Promise<string> {
    const record = await this.read(managed);
    if (record && isUsable(record, this.now())) return record.token;
    return (await this.refreshShared(managed, (current) => isUsable(current, this.now()))).token;
  }

  /** Fetches a new token now, whatever the stored one's state (still one refresh across callers and instances). */
  async forceRefresh(managed: ManagedToken): Promise<TokenRecord> {
    const stale = await this.read(managed);
    return this.refreshShared(managed, (current) => current.token !== stale?.token && isUsable(current, this.now()));
  }

  /** Stores a token obtained elsewhere (e.g. in the api_query_auth answer). */
  async put(managed: ManagedToken, fetched: FetchedToken): Promise<TokenRecord> {
    const record = toTokenRecord(fetched, this.now());
    // Both writes at once (one round trip on a pipelining client); neither needs the other.
    await Promise.all([this.backend.set(managed.key, record, record.expiresAt - this.now()), managed.afterStore?.(record)]);
    return record;
  }

  /** Drops `token` because WeChat rejected it, unless another caller has already replaced it. */
  async invalidate(managed: ManagedToken, token: string): Promise<void> {
    await this.backend.deleteIfFieldEquals(managed.key, 'token', token);
  }

  async remove(managed: ManagedToken): Promise<void> {
    await this.backend.delete(managed.key);
  }

  /**
   * For the scheduled refresh: refreshes only if `isDue` still holds once the lease is held, and skips at once when
   * another instance holds it — so each due token is refreshed by exactly one instance.
   */
  async refreshIfDue(managed: ManagedToken, isDue: (record: TokenRecord) => boolean): Promise<RefreshOutcome> {
    // The lease and the read are sent together (one round trip on a pipelining client such as node-redis); the store
    // applies them in order, so the read sees the token as it is once the lease is held.
    const [leased, read] = await Promise.allSettled([this.locks.tryAcquire(this.keys.lock(managed.key)), this.read(managed)]);
    if (leased.status === 'rejected') throw leased.reason;
    const lease = leased.value;
    if (!lease) return 'busy';
    try {
      if (read.status === 'rejected') throw read.reason;
      if (read.value && !isDue(read.value)) return 'not-due';
      await this.put(managed, await managed.fetch());
      return 'refreshed';
    } finally {
      // Not waited for: nothing after depends on it, and a release that fails only lets the lease expire.
      lease.release().catch(() => undefined);
    }
  }

  private refreshShared(managed: ManagedToken, acceptable: (record: TokenRecord) => boolean): Promise<TokenRecord> {
    const running = this.inFlight.get(managed.key);
    if (running) return running;
    const refresh = this.locks
      .runOnce({
        key: this.keys.lock(managed.key),
        settled: async () => {
          const current = await this.read(managed);
          return current && acceptable(current) ? current : undefined;
        },
        compute: async () => this.put(managed, await managed.fetch()),
        waitMs: this.waitMs,
        onTimeout: () =>
          new WeChatComponentError(
            'TOKEN_REFRESH_TIMEOUT',
            `Timed out waiting for another instance to refresh the ${managed.label} access token.`,
          ),
      })
      .finally(() => this.inFlight.delete(managed.key));
    this.inFlight.set(managed.key, refresh);
    return refresh;
  }
}
