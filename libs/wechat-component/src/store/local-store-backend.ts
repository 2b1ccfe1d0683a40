import type { Cache } from 'cache-manager';
import type { IndexEntry, StoreBackend } from './store-backend.js';
import { SortedIndex } from './sorted-index.js';

/**
 * Store operations over any cache-manager `Cache` (the in-memory one by default), with locks and indexes kept in
 * this process. Correct for one process; several instances need Redis.
 */
export class LocalStoreBackend implements StoreBackend {
  readonly kind = 'memory' as const;
  private readonly indexes = new Map<string, SortedIndex>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly nextSlots = new Map<string, number>();

  constructor(private readonly cache: Cache) {}

  get<T>(key: string): Promise<T | undefined> {
    return this.cache.get<T>(key);
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    // cache-manager treats ttl 0 as "never expires" and undefined as "the store's default ttl".
    await this.cache.set(key, value, ttlMs === undefined ? 0 : Math.max(1, Math.ceil(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.cache.del(key);
  }

  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    return this.serialized(key, async () => {
      if ((await this.cache.get(key)) !== undefined) return false;
      await this.set(key, value, ttlMs);
      return true;
    });
  }

  deleteIfFieldEquals(key: string, field: string, expected: string): Promise<boolean> {
    return this.serialized(key, async () => {
      const current = await this.cache.get<Record<string, unknown>>(key);
      if (!current || current[field] !== expected) return false;
      await this.cache.del(key);
      return true;
    });
  }

  async indexAdd(index: string, member: string, score: number): Promise<void> {
    this.index(index).add(member, score);
  }

  async indexRemove(index: string, member: string): Promise<void> {
    this.indexes.get(index)?.remove(member);
  }

  async indexRangeByScore(index: string, maxScore: number, limit: number): Promise<IndexEntry[]> {
    return this.indexes.get(index)?.rangeByScore(maxScore, limit) ?? [];
  }

  async indexRange(index: string, offset: number, limit: number): Promise<string[]> {
    return this.indexes.get(index)?.range(offset, limit) ?? [];
  }

  async indexSize(index: string): Promise<number> {
    return this.indexes.get(index)?.size ?? 0;
  }

  async indexAddIfAbsent(index: string, member: string, score: number): Promise<boolean> {
    const sorted = this.index(index);
    if (sorted.has(member)) return false;
    sorted.add(member, score);
    return true;
  }

  async indexClaim(index: string, maxScore: number, limit: number, claimScore: number): Promise<IndexEntry[]> {
    return this.indexes.get(index)?.claim(maxScore, limit, claimScore) ?? [];
  }

  async reserveRateSlots(key: string, intervalMs: number, count: number): Promise<number> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlots.get(key) ?? 0);
    this.nextSlots.set(key, slot + intervalMs * count);
    return slot - now;
  }

  private index(name: string): SortedIndex {
    let index = this.indexes.get(name);
    if (!index) this.indexes.set(name, (index = new SortedIndex()));
    return index;
  }

  /** Runs read-modify-write steps on one key one after another, since the Cache API has no atomic operations. */
  private serialized<T>(key: string, step: () => Promise<T>): Promise<T> {
    const previous = this.pending.get(key) ?? Promise.resolve();
    const next = previous.then(step, step);
    const settled = next.catch(() => undefined);
    this.pending.set(key, settled);
    void settled.then(() => {
      if (this.pending.get(key) === settled) this.pending.delete(key);
    });
    return next;
  }
}
