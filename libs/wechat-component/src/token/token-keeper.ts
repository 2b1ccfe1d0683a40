import { withinDeadline } from '../common/deadline.js';
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
  /** How long a token read from the store is served from this process's memory; default {@link TOKEN_CACHE_MS}. */
  readonly cacheMs?: number;
}

/**
 * How long a token read from the store is served from this process without reading it again: 10 s. A token this
 * process holds may have been replaced by another instance meanwhile; WeChat keeps a replaced token working for about
 * five minutes, thirty times longer, so it is never used stale. A token WeChat rejects (40001/40014/42001) is
 * dropped from here at once.
 */
export const TOKEN_CACHE_MS = 10_000;

/** A token as this process holds it, and until when it may be served without reading the store. */
interface CachedToken {
  readonly record: TokenRecord;
  readonly until: number;
}

// Tokens not read again are dropped once the additions since the last sweep reach the number held (at least this
// many): a sweep costs O(1) per addition, amortized, and a scheduled refresh of every token fills nothing here.
const MIN_ADDITIONS_BETWEEN_SWEEPS = 1024;

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
  private readonly cached = new Map<string, CachedToken>();
  /**
   * The token WeChat last rejected, per key: a store read that began before the rejection may still return it, and
   * must neither be held nor handed out again.
   */
  private readonly rejected = new Map<string, string>();
  private readonly cacheMs: number;
  private additions = 0;

  constructor(
    private readonly backend: StoreBackend,
    private readonly keys: StoreKeys,
    private readonly locks: LeaseLock,
    private readonly timings: TokenKeeperTimings,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.cacheMs = timings.cacheMs ?? TOKEN_CACHE_MS;
  }

  /** The token as stored (never from this process's memory). */
  read(managed: ManagedToken): Promise<TokenRecord | undefined> {
    return this.backend.get<TokenRecord>(managed.key);
  }

  /**
   * A usable token, refreshing it first if needed. Served from this process's memory for up to `cacheMs` after it
   * was read from the store (never past its own usable life), else read from the store.
   */
  getToken(managed: ManagedToken): Promise<string> {
    const now = this.now();
    const held = this.cached.get(managed.key);
    if (held !== undefined && now < held.until && isUsable(held.record, now)) return Promise.resolve(held.record.token);
    return this.readToken(managed);
  }

  private async readToken(managed: ManagedToken): Promise<string> {
    const stored = await this.read(managed);
    const good = (current: TokenRecord) => isUsable(current, this.now()) && current.token !== this.rejected.get(managed.key);
    const record = stored && good(stored) ? stored : await this.refreshShared(managed, good);
    this.hold(managed.key, record);
    return record.token;
  }

  /** Keeps `record` in this process's memory for `cacheMs`. */
  private hold(key: string, record: TokenRecord): void {
    if (this.rejected.get(key) === record.token) return;
    this.rejected.delete(key); // a newer token: the rejected one cannot come back
    if (this.cacheMs <= 0) return;
    if (!this.cached.has(key) && ++this.additions >= Math.max(MIN_ADDITIONS_BETWEEN_SWEEPS, this.cached.size)) this.sweep();
    this.cached.set(key, { record, until: this.now() + this.cacheMs });
  }

  private sweep(): void {
    this.additions = 0;
    const now = this.now();
    for (const [key, held] of this.cached) if (held.until <= now) this.cached.delete(key);
  }

  /**
   * Drops every token this process holds, so the next reads go to the store: for when the store lost its data (a
   * Redis restarted empty or flushed) — the tokens are still good at WeChat, but the process follows the store.
   */
  releaseAll(): void {
    this.cached.clear();
  }

  /** Drops `key` from this process's memory if it holds `token` (or, without `token`, whatever it holds). */
  private release(key: string, token?: string): void {
    if (token === undefined || this.cached.get(key)?.record.token === token) this.cached.delete(key);
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
    // The token this process holds (if any) is replaced as soon as the new one is stored — before `afterStore`, which
    // may drop it again (an account revoked meanwhile). A token not held stays so: the scheduled refresh of every
    // token fills nothing here.
    const replaceHeld = () => {
      if (this.cached.has(managed.key)) this.hold(managed.key, record);
    };
    if (!lease) {
      replaceHeld();
      // Both writes at once (one round trip on a pipelining client); neither needs the other.
      await Promise.all([this.backend.set(managed.key, record, ttl), managed.afterStore?.(record)]);
    } else if (await this.backend.setIf(managed.key, record, lease.fence, ttl)) {
      replaceHeld();
      await managed.afterStore?.(record);
    }
    return record;
  }

  /**
   * Drops `token` because WeChat rejected it: from this process's memory at once, and from the store unless another
   * caller has already replaced it there.
   */
  async invalidate(managed: ManagedToken, token: string): Promise<void> {
    this.rejected.set(managed.key, token);
    this.release(managed.key, token);
    await this.backend.deleteIfFieldEquals(managed.key, 'token', token);
  }

  async remove(managed: ManagedToken): Promise<void> {
    this.release(managed.key);
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
          if (this.cached.has(managed.key)) this.hold(managed.key, record); // e.g. another instance's, after a wait
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
    // The work's own writes are fenced by the lease, so it may finish unobserved after the deadline.
    return withinDeadline(work, this.timings.workMs, () => {
      throw new WeChatComponentError('TOKEN_REFRESH_DEADLINE', `The ${managed.label} access token refresh did not finish within ${this.timings.workMs} ms.`);
    });
  }

  private rememberFailure(key: string, error: unknown): void {
    if (!callsWeChat(error)) return; // failures found without asking WeChat (no ticket yet, a revoked account) cost nothing
    const previous = this.failures.get(key);
    // A failure long after the last one starts the backoff over.
    const streak = previous && this.now() < previous.until + this.timings.maxBackoffMs ? previous.attempts : 0;
    const pause = Math.min(this.timings.maxBackoffMs, this.timings.backoffMs * 2 ** streak);
    // Jitter (half to all of the pause), so instances that failed together do not retry together.
    this.failures.set(key, { error, attempts: streak + 1, until: this.now() + pause * (0.5 + this.random() / 2) });
    // Failures old enough to start the backoff over are forgotten, so the map holds only recent ones (bounded by the
    // tokens failing now, not by every token that ever failed).
    if (this.failures.size > FAILURES_BEFORE_SWEEP) {
      const now = this.now();
      for (const [failed, failure] of this.failures) if (now >= failure.until + this.timings.maxBackoffMs) this.failures.delete(failed);
    }
  }
}

// Past this many remembered failures, the stale ones are swept out on the next failure.
const FAILURES_BEFORE_SWEEP = 1024;

/** Whether `error` came from asking WeChat: its answer, the HTTP exchange, or the refresh's deadline. */
function callsWeChat(error: unknown): boolean {
  return error instanceof WeChatApiError || error instanceof WeChatHttpError || (error instanceof WeChatComponentError && error.code === 'TOKEN_REFRESH_DEADLINE');
}
