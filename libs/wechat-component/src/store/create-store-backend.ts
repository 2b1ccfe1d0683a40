import type { Cache } from 'cache-manager';
import { WeChatComponentError } from '../errors/wechat-component.errors.js';
import { MemoryStoreBackend } from './memory-store-backend.js';
import { RedisStoreBackend, type RedisClientLike } from './redis-store-backend.js';
import type { StoreBackend } from './store-backend.js';

/**
 * The backend for the `store` option: none → this process's memory; a cache-manager `Cache` over Redis
 * (cache-manager-redis-yet) → its Redis client, so locks, conditional writes and indexes hold across instances.
 * Any other `Cache` is refused at start-up: the module cannot make its writes atomic over it, and quietly treating a
 * store meant to be shared as per-process would let instances overwrite each other's refresh tokens.
 */
export function createStoreBackend(store: Cache | undefined, options: { timeoutMs: number }): StoreBackend {
  if (store === undefined) return new MemoryStoreBackend();
  const client = redisClientOf(store);
  if (!client) {
    throw new WeChatComponentError(
      'UNSUPPORTED_STORE',
      'The `store` option must be a cache-manager Cache over Redis (cache-manager-redis-yet `redisStore` or `redisClusterStore`): ' +
        'the module needs atomic operations (leases, conditional writes, indexes) that this cache does not offer. ' +
        'Leave `store` unset to keep everything in this process’s memory (one instance only).',
    );
  }
  return new RedisStoreBackend(client, options.timeoutMs);
}

function redisClientOf(cache: Cache): RedisClientLike | undefined {
  const store = (cache as { store?: { name?: unknown; client?: unknown } }).store;
  const client = store?.client as Partial<RedisClientLike> | undefined;
  const isRedis = (store?.name === 'redis' || store?.name === 'redis-cluster') && typeof client?.eval === 'function';
  return isRedis ? (client as RedisClientLike) : undefined;
}
