/**
 * What the `store` option accepts: the cache or Redis client the app already has. Whichever it is, the module talks to
 * the Redis client underneath (Lua scripts for its conditional writes, sorted sets for its indexes), so every instance
 * sharing that Redis shares tokens, leases and indexes.
 *
 * These are structural types: the app needs none of cache-manager, Keyv, node-redis or ioredis installed beyond the
 * one it passes, and the module never imports any of them.
 *
 * - {@link CacheManager5Store}: a cache-manager 5 `Cache` over cache-manager-redis-yet.
 * - {@link CacheManagerKeyvStore}: a cache-manager 6/7 `Cache` (what `@nestjs/cache-manager` 3 injects) with a
 *   `@keyv/redis` store.
 * - {@link NodeRedisStore}: a node-redis client, v4 to v6 (`createClient()` or `createCluster()`).
 * - {@link IoRedisStore}: an ioredis client (`new Redis()` or `new Redis.Cluster()`).
 *
 * A cache with no Redis client under it (a memory store) is refused at start-up: the module's writes could not be
 * atomic across instances.
 */
export type WeChatComponentStore = CacheManager5Store | CacheManagerKeyvStore | NodeRedisStore | IoRedisStore;

/**
 * A cache-manager 5 `Cache` from `caching(redisStore, …)` or `caching(redisClusterStore, …)` (cache-manager-redis-yet).
 * The module uses its `store.client`.
 */
export interface CacheManager5Store {
  readonly store: object;
  get(...args: never[]): unknown;
  set(...args: never[]): unknown;
  del(...args: never[]): unknown;
}

/**
 * A cache-manager 6 or 7 `Cache` from `createCache({ stores })` — the `CACHE_MANAGER` that `@nestjs/cache-manager` 3
 * provides. The module uses the Redis client of its first `@keyv/redis` store (`KeyvRedis`, `createKeyv(url)`), and
 * connects it if Keyv has not yet.
 */
export interface CacheManagerKeyvStore {
  readonly stores: readonly object[];
  get(...args: never[]): unknown;
  set(...args: never[]): unknown;
  del(...args: never[]): unknown;
}

/**
 * A node-redis client, v4, v5 or v6: `createClient()` or `createCluster()` from `redis` / `@redis/client`. The app
 * connects it (`await client.connect()`) and closes it; the module adds its own `error` listener.
 */
export interface NodeRedisStore {
  readonly isOpen: boolean;
  eval(...args: never[]): unknown;
  zRangeByScoreWithScores(...args: never[]): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * An ioredis client: `new Redis(…)` or `new Redis.Cluster(…)`. It connects by itself (with `lazyConnect` the module
 * connects it); the app closes it; the module adds its own `error` listener.
 */
export interface IoRedisStore {
  readonly status: string;
  eval(...args: never[]): unknown;
  zrangebyscore(...args: never[]): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
