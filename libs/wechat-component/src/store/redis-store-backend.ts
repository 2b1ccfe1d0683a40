import { Logger } from '@nestjs/common';
import { withinDeadline } from '../common/deadline.js';
import { errorMessage } from '../common/error-text.js';
import { StoreUnavailableError } from '../errors/store.errors.js';
import type { RedisCommands } from './redis-commands.js';
import type { IndexEntry, StoreBackend, WriteGuard } from './store-backend.js';
import { systemClock, type Clock } from '../common/clock.js';

// Compare-and-delete must be one atomic step, or a token another instance just stored could be dropped.
const DELETE_IF_FIELD_EQUALS = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, value = pcall(cjson.decode, raw)
if ok and type(value) == 'table' and value[ARGV[1]] == ARGV[2] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

// The conditional write: KEYS[1] is written with ARGV[1] (PX ARGV[2] unless empty) only while the object at KEYS[2]
// has field ARGV[3] equal to ARGV[5] (ARGV[4]: 'number' compares numerically, a missing field being 0; 'string'
// compares text; 'absent' requires KEYS[2] to hold nothing).
const SET_IF = `
local raw = redis.call('GET', KEYS[2])
local holds = false
if ARGV[4] == 'absent' then
  holds = not raw
elseif raw then
  local ok, value = pcall(cjson.decode, raw)
  if ok and type(value) == 'table' then
    if ARGV[4] == 'number' then holds = tonumber(value[ARGV[3]] or 0) == tonumber(ARGV[5])
    else holds = value[ARGV[3]] == ARGV[5] end
  end
end
if not holds then return 0 end
if ARGV[2] == '' then redis.call('SET', KEYS[1], ARGV[1]) else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

// Monotonic write: only a value whose numeric field ARGV[3] is larger than the stored one's replaces it.
const SET_IF_NEWER = `
local raw = redis.call('GET', KEYS[1])
if raw then
  local ok, value = pcall(cjson.decode, raw)
  if ok and type(value) == 'table' and tonumber(value[ARGV[3]] or 0) >= tonumber(ARGV[4]) then return 0 end
end
if ARGV[2] == '' then redis.call('SET', KEYS[1], ARGV[1]) else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

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

// A Redis that keeps failing logs one line per this interval, not one per reconnection attempt.
const ERROR_LOG_INTERVAL_MS = 10_000;

// How often the start-up wait looks whether the client has connected.
const READY_POLL_MS = 10;

/**
 * Store operations over Redis: every lock and index is shared by all instances using the same Redis. One backend for
 * every client library: it speaks through {@link RedisCommands} (node-redis v4–v6, ioredis; single node or cluster).
 *
 * Fails fast: while the client is not connected every call throws {@link StoreUnavailableError} at once (node-redis
 * and ioredis would otherwise queue commands offline, without limit, and every request would hang for the whole
 * outage), and a call that gets no answer within `timeoutMs` throws it too. The client's `error` event is always
 * listened to, so a dropped connection is logged and reconnected, never fatal to the process.
 *
 * Multi-key scripts (a write fenced by a lease) name keys of one hash slot (see `StoreKeys.lock`), so they run on a
 * Redis Cluster too.
 */
export class RedisStoreBackend implements StoreBackend {
  readonly kind = 'redis' as const;
  private readonly logger = new Logger('WeChatComponentStore');
  private lastErrorLog = 0;

  constructor(
    private readonly redis: RedisCommands,
    private readonly timeoutMs: number,
    private readonly clock: Clock = systemClock,
  ) {
    redis.onError((error: Error) => this.logConnectionError(error));
  }

  /** The client library underneath: `node-redis` or `ioredis`. */
  get library(): string {
    return this.redis.library;
  }

  /**
   * Waits up to `timeoutMs` for the client to be connected (a lazily connecting client is told to connect); true
   * when it is. Used once at start-up so the first push does not fail only because Keyv had not connected yet.
   */
  async whenReady(timeoutMs: number): Promise<boolean> {
    const deadline = this.clock.now() + timeoutMs;
    while (this.redis.unavailable() !== undefined) {
      if (this.clock.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
    return true;
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.run('get', async (redis) => {
      const raw = await redis.get(key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    });
  }

  set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    const raw = JSON.stringify(value);
    return this.run('set', (redis) => redis.set(key, raw, ttlMs === undefined ? undefined : positive(ttlMs)));
  }

  delete(key: string): Promise<void> {
    return this.run('delete', (redis) => redis.del(key));
  }

  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    const raw = JSON.stringify(value);
    return this.run('setIfAbsent', (redis) => redis.setIfAbsent(key, raw, positive(ttlMs)));
  }

  deleteIfFieldEquals(key: string, field: string, expected: string): Promise<boolean> {
    return this.run('deleteIfFieldEquals', async (redis) => Number(await redis.eval(DELETE_IF_FIELD_EQUALS, [key], [field, expected])) === 1);
  }

  setIf(key: string, value: unknown, guard: WriteGuard, ttlMs?: number): Promise<boolean> {
    const mode = guard.equals === null ? 'absent' : typeof guard.equals === 'number' ? 'number' : 'string';
    const args = [JSON.stringify(value), ttl(ttlMs), guard.field, mode, String(guard.equals ?? '')];
    return this.run('setIf', async (redis) => Number(await redis.eval(SET_IF, [key, guard.key], args)) === 1);
  }

  setIfNewer(key: string, value: Readonly<Record<string, unknown>>, field: string, ttlMs?: number): Promise<boolean> {
    const args = [JSON.stringify(value), ttl(ttlMs), field, String(Number(value[field]))];
    return this.run('setIfNewer', async (redis) => Number(await redis.eval(SET_IF_NEWER, [key], args)) === 1);
  }

  indexAdd(index: string, member: string, score: number): Promise<void> {
    return this.run('indexAdd', async (redis) => void (await redis.zAdd(index, member, score, false)));
  }

  indexRemove(index: string, member: string): Promise<void> {
    return this.run('indexRemove', (redis) => redis.zRem(index, member));
  }

  indexRangeByScore(index: string, maxScore: number, limit: number): Promise<IndexEntry[]> {
    return this.run('indexRangeByScore', (redis) => redis.zRangeByScore(index, maxScore, limit));
  }

  indexRange(index: string, offset: number, limit: number): Promise<string[]> {
    if (limit <= 0) return Promise.resolve([]);
    return this.run('indexRange', (redis) => redis.zRange(index, offset, offset + limit - 1));
  }

  indexSize(index: string): Promise<number> {
    return this.run('indexSize', (redis) => redis.zCard(index));
  }

  indexAddIfAbsent(index: string, member: string, score: number): Promise<boolean> {
    return this.run('indexAddIfAbsent', async (redis) => (await redis.zAdd(index, member, score, true)) === 1);
  }

  indexClaim(index: string, maxScore: number, limit: number, claimScore: number): Promise<IndexEntry[]> {
    if (limit <= 0) return Promise.resolve([]);
    return this.run('indexClaim', async (redis) => {
      const rows = (await redis.eval(CLAIM, [index], [String(maxScore), String(limit), String(claimScore)])) as unknown[];
      const entries: IndexEntry[] = [];
      for (let i = 0; i < rows.length; i += 2) entries.push({ member: String(rows[i]), score: Number(rows[i + 1]) });
      return entries;
    });
  }

  reserveRateSlots(key: string, intervalMs: number, count: number): Promise<number> {
    return this.run('reserveRateSlots', async (redis) => Number(await redis.eval(RESERVE_SLOTS, [key], [String(intervalMs), String(count)])));
  }

  /** Runs one command, or fails fast: at once while disconnected, after `timeoutMs` without an answer. */
  private run<T>(operation: string, command: (redis: RedisCommands) => Promise<T>): Promise<T> {
    const unavailable = this.redis.unavailable();
    if (unavailable !== undefined) return Promise.reject(new StoreUnavailableError(`${operation}: ${unavailable}`));
    let pending: Promise<T>;
    try {
      pending = command(this.redis);
    } catch (error) {
      pending = Promise.reject(error as Error); // a client that throws instead of rejecting (e.g. when closed)
    }
    const answer = pending.catch((error: unknown) => {
      // Redis errors name the failure (a refused connection, a script error), never a stored value.
      throw new StoreUnavailableError(`${operation}: ${errorMessage(error)}`);
    });
    return withinDeadline(answer, this.timeoutMs, () => {
      throw new StoreUnavailableError(`${operation}: no answer within ${this.timeoutMs} ms`);
    });
  }

  private logConnectionError(error: Error): void {
    const now = this.clock.now();
    if (now - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = now;
    this.logger.warn(`Redis connection error (store calls fail fast until it reconnects): ${errorMessage(error)}`);
  }
}

function positive(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}

function ttl(ttlMs: number | undefined): string {
  return ttlMs === undefined ? '' : String(positive(ttlMs));
}
