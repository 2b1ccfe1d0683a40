import { randomUUID } from 'node:crypto';
import { caching, type Cache } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A cache-manager Cache over the real Redis, and a cleanup that deletes every key under `prefix`. */
export async function redisCache(): Promise<{ cache: Cache; prefix: string; close(): Promise<void> }> {
  const cache = await caching(redisStore, { url: REDIS_URL });
  const prefix = `test-${randomUUID()}`;
  const client = (cache.store as unknown as { client: RedisLike }).client;
  return {
    cache,
    prefix,
    close: async () => {
      const keys = await client.keys(`${prefix}*`);
      if (keys.length > 0) await client.del(keys);
      await client.quit();
    },
  };
}

interface RedisLike {
  keys(pattern: string): Promise<string[]>;
  del(keys: string[]): Promise<number>;
  quit(): Promise<unknown>;
}
