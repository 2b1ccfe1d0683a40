import type { IndexEntry, StoreBackend } from './store-backend.js';

/** The subset of a node-redis v4 client (as exposed by cache-manager-redis-yet's `store.client`) used here. */
export interface RedisClientLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: { PX?: number; NX?: boolean }): Promise<string | null>;
  del(key: string | string[]): Promise<number>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  zAdd(key: string, member: { score: number; value: string }, options?: { NX?: true }): Promise<number>;
  zRem(key: string, member: string): Promise<number>;
  zRangeByScoreWithScores(
    key: string,
    min: number | string,
    max: number | string,
    options: { LIMIT: { offset: number; count: number } },
  ): Promise<Array<{ value: string; score: number }>>;
  zRange(key: string, start: number, stop: number): Promise<string[]>;
  zCard(key: string): Promise<number>;
}

// Compare-and-delete must be one atomic step, or a token another instance just stored could be dropped.
const DELETE_IF_FIELD_EQUALS = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, value = pcall(cjson.decode, raw)
if ok and type(value) == 'table' and value[ARGV[1]] == ARGV[2] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

// Claims due members atomically: read them and push their scores to the claim time in one step.
const CLAIM = `
local rows = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
for i = 1, #rows, 2 do redis.call('ZADD', KEYS[1], ARGV[3], rows[i]) end
return rows`;

// A generic cell rate on Redis's clock (TIME, in ms with a fraction): the stored value is the next free slot;
// ARGV[2] consecutive slots are taken at once.
const RESERVE_SLOTS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
local nextSlot = slot + tonumber(ARGV[1]) * tonumber(ARGV[2])
redis.call('SET', KEYS[1], string.format('%.3f', nextSlot), 'PX', math.ceil(nextSlot - now) + 1000)
return string.format('%.3f', slot - now)`;

/** Store operations over Redis: every lock and index is shared by all instances using the same Redis. */
export class RedisStoreBackend implements StoreBackend {
  readonly kind = 'redis' as const;

  constructor(private readonly client: RedisClientLike) {}

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.client.get(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    const raw = JSON.stringify(value);
    await (ttlMs === undefined ? this.client.set(key, raw) : this.client.set(key, raw, { PX: positive(ttlMs) }));
  }

  async delete(key: string): Promise<void> {
    await this.client.del(key);
  }

  async setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    return (await this.client.set(key, JSON.stringify(value), { NX: true, PX: positive(ttlMs) })) === 'OK';
  }

  async deleteIfFieldEquals(key: string, field: string, expected: string): Promise<boolean> {
    return Number(await this.client.eval(DELETE_IF_FIELD_EQUALS, { keys: [key], arguments: [field, expected] })) === 1;
  }

  async indexAdd(index: string, member: string, score: number): Promise<void> {
    await this.client.zAdd(index, { score, value: member });
  }

  async indexRemove(index: string, member: string): Promise<void> {
    await this.client.zRem(index, member);
  }

  async indexRangeByScore(index: string, maxScore: number, limit: number): Promise<IndexEntry[]> {
    const rows = await this.client.zRangeByScoreWithScores(index, '-inf', maxScore, { LIMIT: { offset: 0, count: limit } });
    return rows.map((row) => ({ member: row.value, score: row.score }));
  }

  async indexRange(index: string, offset: number, limit: number): Promise<string[]> {
    return limit <= 0 ? [] : this.client.zRange(index, offset, offset + limit - 1);
  }

  async indexSize(index: string): Promise<number> {
    return this.client.zCard(index);
  }

  async indexAddIfAbsent(index: string, member: string, score: number): Promise<boolean> {
    return (await this.client.zAdd(index, { score, value: member }, { NX: true })) === 1;
  }

  async indexClaim(index: string, maxScore: number, limit: number, claimScore: number): Promise<IndexEntry[]> {
    if (limit <= 0) return [];
    const rows = (await this.client.eval(CLAIM, {
      keys: [index],
      arguments: [String(maxScore), String(limit), String(claimScore)],
    })) as string[];
    const entries: IndexEntry[] = [];
    for (let i = 0; i < rows.length; i += 2) entries.push({ member: rows[i]!, score: Number(rows[i + 1]) });
    return entries;
  }

  async reserveRateSlots(key: string, intervalMs: number, count: number): Promise<number> {
    return Number(await this.client.eval(RESERVE_SLOTS, { keys: [key], arguments: [String(intervalMs), String(count)] }));
  }
}

function positive(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}
