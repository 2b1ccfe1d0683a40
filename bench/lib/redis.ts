import { randomUUID } from 'node:crypto';
import { caching, type Cache } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';

/** Redis used by the benchmark (the same as the tests'). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The node-redis client calls the benchmark makes itself. */
export interface BenchRedisClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  scan(cursor: number, options: { MATCH: string; COUNT: number }): Promise<{ cursor: number; keys: string[] }>;
  del(keys: string[]): Promise<number>;
  sendCommand(args: string[]): Promise<unknown>;
  quit(): Promise<unknown>;
}

/** A cache-manager Cache over Redis with a key prefix of its own, and a cleanup that deletes the prefix's keys. */
export async function benchRedis(): Promise<{ cache: Cache; client: BenchRedisClient; keyPrefix: string; close(): Promise<void> }> {
  const cache = await caching(redisStore, { url: REDIS_URL });
  const client = (cache.store as unknown as { client: BenchRedisClient }).client;
  const keyPrefix = `bench-${randomUUID()}`;
  return {
    cache,
    client,
    keyPrefix,
    close: async () => {
      await deleteKeys(client, `${keyPrefix}:*`);
      await client.quit();
    },
  };
}

/** Deletes the keys matching `pattern` with SCAN (never KEYS). */
export async function deleteKeys(client: BenchRedisClient, pattern: string): Promise<void> {
  let cursor = 0;
  do {
    const page = await client.scan(cursor, { MATCH: pattern, COUNT: 1000 });
    cursor = page.cursor;
    if (page.keys.length > 0) await client.del(page.keys);
  } while (cursor !== 0);
}
