import type { RedisCommands } from './redis-commands.js';
import type { IndexEntry } from './store-backend.js';

/** The part of an ioredis client (`Redis` or `Cluster`) the module uses: positional arguments, lower-case names. */
export interface IoRedisClient {
  /** `wait` (lazyConnect, never connected), `connecting`, `connect`, `ready`, `reconnecting`, `close`, `end`. */
  readonly status: string;
  connect(): Promise<unknown>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ...options: Array<string | number>): Promise<string | null>;
  del(key: string): Promise<number>;
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  zadd(key: string, ...scoresAndMembers: Array<string | number>): Promise<number | string>;
  zrem(key: string, member: string): Promise<number>;
  zrangebyscore(key: string, min: string | number, max: string | number, ...options: Array<string | number>): Promise<string[]>;
  zrange(key: string, start: number, stop: number): Promise<string[]>;
  zcard(key: string): Promise<number>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Whether `value` looks like an ioredis client or cluster (lower-case commands, a `status`). */
export function isIoRedisClient(value: unknown): value is IoRedisClient {
  const client = value as Partial<Record<keyof IoRedisClient, unknown>> | null | undefined;
  return (
    typeof client === 'object' &&
    client !== null &&
    typeof client.status === 'string' &&
    typeof client.eval === 'function' &&
    typeof client.zrangebyscore === 'function' &&
    typeof client.connect === 'function' &&
    typeof client.on === 'function'
  );
}

/**
 * Commands over an ioredis client. Ready only in status `ready`: in any other status ioredis would hold commands in
 * its offline queue (by default without limit), so the backend fails fast instead. A client created with
 * `lazyConnect` (status `wait`) is connected on first use, as ioredis itself would.
 */
export function ioRedisCommands(client: IoRedisClient): RedisCommands {
  return {
    library: 'ioredis',
    unavailable() {
      if (client.status === 'ready') return undefined;
      if (client.status === 'wait') {
        // ioredis refuses a second connect() while one is under way; its `error` event reports a failure.
        client.connect().catch(() => undefined);
        return 'the ioredis client is connecting';
      }
      if (client.status === 'end') return 'the ioredis client was closed (quit/disconnect) and will not reconnect';
      return `the ioredis client is not connected (status ${client.status})`;
    },
    onError(listener) {
      client.on('error', listener);
    },
    get: (key) => client.get(key),
    async set(key, value, ttlMs) {
      await (ttlMs === undefined ? client.set(key, value) : client.set(key, value, 'PX', ttlMs));
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async del(key) {
      await client.del(key);
    },
    eval: (script, keys, args) => client.eval(script, keys.length, ...keys, ...args),
    async zAdd(key, member, score, onlyIfAbsent) {
      return Number(await (onlyIfAbsent ? client.zadd(key, 'NX', score, member) : client.zadd(key, score, member)));
    },
    async zRem(key, member) {
      await client.zrem(key, member);
    },
    async zRangeByScore(key, maxScore, limit): Promise<IndexEntry[]> {
      const rows = await client.zrangebyscore(key, '-inf', maxScore, 'WITHSCORES', 'LIMIT', 0, limit);
      const entries: IndexEntry[] = [];
      for (let i = 0; i < rows.length; i += 2) entries.push({ member: rows[i]!, score: Number(rows[i + 1]) });
      return entries;
    },
    zRange: (key, start, stop) => client.zrange(key, start, stop),
    zCard: (key) => client.zcard(key),
  };
}
