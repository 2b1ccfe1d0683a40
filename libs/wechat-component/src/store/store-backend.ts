/**
 * The few storage operations the module needs, over one shared key space.
 *
 * Two implementations: {@link RedisStoreBackend} (atomic across every instance sharing the Redis) and
 * {@link LocalStoreBackend} (a cache-manager `Cache` plus in-process locks and indexes — one process only).
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

  /** Adds or moves `member` in the ordered index `index`. */
  indexAdd(index: string, member: string, score: number): Promise<void>;
  indexRemove(index: string, member: string): Promise<void>;
  /** Members with score ≤ `maxScore`, lowest score first, at most `limit` of them. */
  indexRangeByScore(index: string, maxScore: number, limit: number): Promise<IndexEntry[]>;
  /** Members by rank (score, then member), from `offset`, at most `limit`. */
  indexRange(index: string, offset: number, limit: number): Promise<string[]>;
  indexSize(index: string): Promise<number>;
}

/** A member of an ordered index with its score. */
export interface IndexEntry {
  readonly member: string;
  readonly score: number;
}
