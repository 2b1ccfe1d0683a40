import { WeChatApiError } from '../errors/wechat-api.error.js';
import { WeChatComponentError, WeChatHttpError } from '../errors/wechat-component.errors.js';
import type { Lease, LeaseLock } from '../store/lease-lock.js';
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

/** How long callers wait, and how long one refresh may work under its lease. */
export interface TokenKeeperTimings {
  /** How long a caller waits for another instance's refresh before giving up. */
  readonly waitMs: number;
  /** The deadline of the work under one lease (fetch and store): below the lease, so the lease is never outlived. */
  readonly workMs: number;
  /** First pause after a failed fetch; it doubles with each failure in a row, up to `maxBackoffMs`. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
}

/** A failed fetch, remembered so concurrent and following callers fail at once instead of asking WeChat again. */
interface Failure {
  readonly error: unknown;
  readonly attempts: number;
  readonly until: number;
}

/**
 * Keeps access tokens fresh in the shared store: the component token and every authorizer token go through here.
 *
 * Read → usable? → else one refresh: in-process callers share one promise, instances share one lease lock (the
 * others wait and re-read the store). The work under a lease has a deadline below the lease, and the token it stores
 * is written only while the lease is still held (fenced), so a refresh that outlived its lease never overwrites the
 * next holder's token. A failed fetch is remembered for a backoff that grows with each failure in a row, so a
 * failing WeChat gets a few calls a minute, not one per request. A token WeChat rejected is dropped only if it is
 * still the stored one.
 */
export class TokenKeeper {
  private readonly inFlight = new Map<string, Promise<TokenRecord>>();
  private readonly failures = new Map<string, Failure>();

  constructor(
    private readonly backend: StoreBackend,
    private readonly keys: StoreKeys,
    private readonly locks: LeaseLock,
    private readonly timings: TokenKeeperTimings,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
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

  /**
   * Fetches a new token now, whatever the stored one's state (still one refresh across callers and instances). An
   * explicit request: it is not held back by the backoff of earlier failures.
   */
  async forceRefresh(managed: ManagedToken): Promise<TokenRecord> {
    const stale = await this.read(managed);
    return this.refreshShared(managed, (current) => current.token !== stale?.token && isUsable(current, this.now()), true);
  }

  /**
   * Stores a token: one obtained elsewhere (e.g. in the api_query_auth answer), or — with `lease` — one fetched under
   * that lease, written only while the lease is held. Returns the record, stored or not (the token is valid either way).
   */
  async put(managed: ManagedToken, fetched: FetchedToken, lease?: Lease): Promise<TokenRecord> {
    const record = toTokenRecord(fetched, this.now());
    const ttl = record.expiresAt - this.now();
    this.failures.delete(managed.key);
    if (!lease) {
      // Both writes at once (one round trip on a pipelining client); neither needs the other.
      await Promise.all([this.backend.set(managed.key, record, ttl), managed.afterStore?.(record)]);
    } else if (await this.backend.setIf(managed.key, record, lease.fence, ttl)) {
      await managed.afterStore?.(record);
    }
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
      await this.fetchUnder(lease, managed);
      return 'refreshed';
    } finally {
      // Not waited for: nothing after depends on it, and a release that fails only lets the lease expire.
      lease.release().catch(() => undefined);
    }
  }

  private refreshShared(managed: ManagedToken, acceptable: (record: TokenRecord) => boolean, explicit = false): Promise<TokenRecord> {
    const running = this.inFlight.get(managed.key);
    if (running) return running;
    const failure = this.failures.get(managed.key);
    if (failure && !explicit && this.now() < failure.until) return Promise.reject(failure.error);
    const refresh = this.locks
      .runOnce({
        key: this.keys.lock(managed.key),
        settled: async () => {
          const current = await this.read(managed);
          return current && acceptable(current) ? current : undefined;
        },
        compute: (lease) => this.fetchUnder(lease, managed),
        waitMs: this.timings.waitMs,
        onTimeout: () =>
          new WeChatComponentError(
            'TOKEN_REFRESH_TIMEOUT',
            `Timed out waiting for another instance to refresh the ${managed.label} access token.`,
          ),
      })
      .then(
        (record) => {
          this.failures.delete(managed.key);
          return record;
        },
        (error: unknown) => {
          this.rememberFailure(managed.key, error);
          throw error;
        },
      )
      .finally(() => this.inFlight.delete(managed.key));
    this.inFlight.set(managed.key, refresh);
    return refresh;
  }

  /** Fetches and stores a token under `lease`, within the work deadline. */
  private fetchUnder(lease: Lease, managed: ManagedToken): Promise<TokenRecord> {
    const work = managed.fetch().then((fetched) => this.put(managed, fetched, lease));
    return withinDeadline(work, this.timings.workMs, () =>
      new WeChatComponentError('TOKEN_REFRESH_DEADLINE', `The ${managed.label} access token refresh did not finish within ${this.timings.workMs} ms.`),
    );
  }

  private rememberFailure(key: string, error: unknown): void {
    if (!callsWeChat(error)) return; // failures found without asking WeChat (no ticket yet, a revoked account) cost nothing
    const previous = this.failures.get(key);
    // A failure long after the last one starts the backoff over.
    const streak = previous && this.now() < previous.until + this.timings.maxBackoffMs ? previous.attempts : 0;
    const pause = Math.min(this.timings.maxBackoffMs, this.timings.backoffMs * 2 ** streak);
    // Jitter (half to all of the pause), so instances that failed together do not retry together.
    this.failures.set(key, { error, attempts: streak + 1, until: this.now() + pause * (0.5 + this.random() / 2) });
  }
}

/** Whether `error` came from asking WeChat: its answer, the HTTP exchange, or the refresh's deadline. */
function callsWeChat(error: unknown): boolean {
  return error instanceof WeChatApiError || error instanceof WeChatHttpError || (error instanceof WeChatComponentError && error.code === 'TOKEN_REFRESH_DEADLINE');
}

/** `work`, or `onTimeout()` once `ms` have passed (the work's own writes are fenced, so it may finish unobserved). */
function withinDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  work.catch(() => undefined); // reported through the race, or dropped after the deadline
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
