import type { Cache } from 'cache-manager';
import { LocalStoreBackend } from './local-store-backend.js';
import { RedisStoreBackend, type RedisClientLike } from './redis-store-backend.js';
import type { StoreBackend } from './store-backend.js';

/**
 * Picks the backend for a cache-manager `Cache`: the Redis client behind a cache-manager-redis-yet store (so locks
 * and indexes are shared by every instance), else in-process operations over the cache itself.
 */
export function createStoreBackend(cache: Cache): StoreBackend {
  const client = redisClientOf(cache);
  return client ? new RedisStoreBackend(client) : new LocalStoreBackend(cache);
}

function redisClientOf(cache: Cache): RedisClientLike | undefined {
  const store = cache.store as { name?: unknown; client?: unknown };
  const client = store.client as Partial<RedisClientLike> | undefined;
  const isRedis = (store.name === 'redis' || store.name === 'redis-cluster') && typeof client?.eval === 'function';
  return isRedis ? (client as RedisClientLike) : undefined;
}
