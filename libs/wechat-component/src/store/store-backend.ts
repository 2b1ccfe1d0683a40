/**
 * The few storage operations the module needs, over one shared key space.
 *
 * Two implementations: {@link RedisStoreBackend} (atomic across every instance sharing the Redis) and
 * {@link MemoryStoreBackend} (one process). Every operation either completes or fails fast with a
 * `StoreUnavailableError`; none waits for a store that is down.
 */
export interface StoreBackend {
  /** `redis` when locks and indexes hold across processes, `memory` when they hold in this process only. */
  readonly kind: 'redis' | 'memory';

  get<T>(key: string): Promise<T | undefined>;
  /** Writes `value`; without `ttlMs` the entry never expires. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Writes `value` only when `key` is absent (a lease when `ttlMs` is given); true when written. */
  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only while its object value has `field` equal to `expected`; true when deleted. */
  deleteIfFieldEquals(key: string, field: string, expected: string): Promise<boolean>;
  /**
   * The conditional write every durable change goes through: writes `value` at `key` only while `guard` holds, in one
   * atomic step; true when written. With `ttlMs` the entry expires, without it it never does.
   */
  setIf(key: string, value: unknown, guard: WriteGuard, ttlMs?: number): Promise<boolean>;
  /**
   * Writes the object `value` only when `key` is absent or holds an object whose numeric `field` is smaller than
   * `value[field]`, in one atomic step (an older value arriving late never replaces a newer one); true when written.
   */
  setIfNewer(key: string, value: Readonly<Record<string, unknown>>, field: string, ttlMs?: number): Promise<boolean>;

  /** Adds or moves `member` in the ordered index `index`. */
  indexAdd(index: string, member: string, score: number): Promise<void>;
  indexRemove(index: string, member: string): Promise<void>;
  /** Members with score ≤ `maxScore`, lowest score first, at most `limit` of them. */
  indexRangeByScore(index: string, maxScore: number, limit: number): Promise<IndexEntry[]>;
  /** Members by rank (score, then member), from `offset`, at most `limit`. */
  indexRange(index: string, offset: number, limit: number): Promise<string[]>;
  indexSize(index: string): Promise<number>;
  /** Adds `member` only when it is not in the index yet; true when added. */
  indexAddIfAbsent(index: string, member: string, score: number): Promise<boolean>;
  /**
   * Claims work in one atomic step: takes up to `limit` members with score ≤ `maxScore` (lowest first), moves each
   * to `claimScore` and returns them with their previous scores. Another caller cannot take the same members until
   * `claimScore` comes due, so a claim lapses by itself when its holder dies. O(log n + limit).
   */
  indexClaim(index: string, maxScore: number, limit: number, claimScore: number): Promise<IndexEntry[]>;

  /**
   * Reserves the next `count` slots of a rate shared by every user of this store: slots are `intervalMs` apart (a
   * generic cell rate), the first after a pause is free. Returns how many milliseconds to wait before using the first
   * of them; the others follow `intervalMs` apart. Redis reserves on its own clock, so instances with skewed clocks
   * still share one rate.
   */
  reserveRateSlots(key: string, intervalMs: number, count: number): Promise<number>;
}

/**
 * The condition of {@link StoreBackend.setIf}: the object stored at `key` has `field` equal to `equals` — compared as
 * numbers when `equals` is a number (a missing field counts as 0), as strings otherwise — or, with `equals: null`,
 * nothing is stored at `key`. `key` may be the written key itself (compare-and-set on a version) or another one
 * (a write fenced by the owner of a lease).
 */
export interface WriteGuard {
  readonly key: string;
  readonly field: string;
  readonly equals: string | number | null;
}

/** A member of an ordered index with its score. */
export interface IndexEntry {
  readonly member: string;
  readonly score: number;
}

/** Whether the object `stored` satisfies `guard` (the memory backend's reading of a {@link WriteGuard}). */
export function guardHolds(stored: unknown, guard: WriteGuard): boolean {
  if (guard.equals === null) return stored === undefined;
  if (stored === null || typeof stored !== 'object') return false;
  const actual = (stored as Record<string, unknown>)[guard.field];
  if (typeof guard.equals === 'number') return Number(actual ?? 0) === guard.equals;
  return actual === guard.equals;
}
