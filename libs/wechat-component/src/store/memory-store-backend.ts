import { guardHolds, type IndexEntry, type StoreBackend, type WriteGuard } from './store-backend.js';
import { SortedIndex } from './sorted-index.js';

interface Entry {
  readonly value: unknown;
  /** Epoch ms after which the entry is gone; undefined for durable entries, which never expire. */
  readonly expiresAt: number | undefined;
}

// Expired entries are dropped when read, and swept once the writes since the last sweep reach the map's size (at
// least this many), so unread ones do not pile up and a sweep costs O(1) per write, amortized.
const MIN_WRITES_BETWEEN_SWEEPS = 4096;

/**
 * The store of a single process (the default without a `store` option). One map, no eviction: durable entries
 * (authorizer records, refresh tokens — written without a TTL) stay until deleted, and entries with a TTL (access
 * tokens, leases, markers) go when they expire — so nothing durable is ever pushed out by a burst of short-lived
 * entries. Every operation is synchronous underneath, hence atomic in this process.
 */
export class MemoryStoreBackend implements StoreBackend {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly indexes = new Map<string, SortedIndex>();
  private readonly nextSlots = new Map<string, number>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Entries held right now, expired ones included until swept. */
  get size(): number {
    return this.entries.size;
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.read(key) as T | undefined;
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.write(key, value, ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    if (this.read(key) !== undefined) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async deleteIfFieldEquals(key: string, field: string, expected: string): Promise<boolean> {
    if (!guardHolds(this.read(key), { key, field, equals: expected })) return false;
    this.entries.delete(key);
    return true;
  }

  async setIf(key: string, value: unknown, guard: WriteGuard, ttlMs?: number): Promise<boolean> {
    if (!guardHolds(this.read(guard.key), guard)) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async setIfNewer(key: string, value: Readonly<Record<string, unknown>>, field: string, ttlMs?: number): Promise<boolean> {
    const stored = this.read(key) as Record<string, unknown> | undefined;
    if (stored !== undefined && !(Number(stored[field]) < Number(value[field]))) return false;
    this.write(key, value, ttlMs);
    return true;
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
    const now = this.now();
    const slot = Math.max(now, this.nextSlots.get(key) ?? 0);
    this.nextSlots.set(key, slot + intervalMs * count);
    return slot - now;
  }

  private read(key: string): unknown {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  private write(key: string, value: unknown, ttlMs: number | undefined): void {
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? undefined : this.now() + Math.max(1, ttlMs) });
    if (++this.writes >= Math.max(MIN_WRITES_BETWEEN_SWEEPS, this.entries.size)) this.sweep();
  }

  private sweep(): void {
    this.writes = 0;
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(key);
    }
  }

  private index(name: string): SortedIndex {
    let index = this.indexes.get(name);
    if (!index) this.indexes.set(name, (index = new SortedIndex()));
    return index;
  }
}
