import { WeChatComponentError } from '../errors/wechat-component.errors.js';
import { ioRedisCommands, isIoRedisClient } from './ioredis-commands.js';
import { MemoryStoreBackend } from './memory-store-backend.js';
import { isNodeRedisClient, nodeRedisCommands } from './node-redis-commands.js';
import type { RedisCommands } from './redis-commands.js';
import { RedisStoreBackend } from './redis-store-backend.js';
import type { StoreBackend } from './store-backend.js';
import type { WeChatComponentStore } from './store-option.js';

const WHAT_TO_PASS =
  'Pass one of: the app’s node-redis client (`createClient()`/`createCluster()`, v4–v6) or ioredis client ' +
  '(`new Redis()`/`new Redis.Cluster()`); a cache-manager 6/7 Cache with a `@keyv/redis` store ' +
  '(`createCache({ stores: [createKeyv(url)] })`, or @nestjs/cache-manager `CacheModule.register({ stores: [createKeyv(url)] })`); ' +
  'a cache-manager 5 Cache from cache-manager-redis-yet (`caching(redisStore, { url })`). ' +
  'Or leave `store` unset to keep everything in this process’s memory (one instance only).';

/**
 * The backend for the `store` option: none → this process's memory; the app's Redis client, or a cache whose store
 * has one (cache-manager 5 with cache-manager-redis-yet, cache-manager 6/7 with `@keyv/redis`) → that client, so
 * locks, conditional writes and indexes hold across instances.
 *
 * A cache with no Redis client under it is refused at start-up: the module cannot make its writes atomic over it, and
 * quietly treating a store meant to be shared as per-process would let instances overwrite each other's refresh
 * tokens.
 */
export function createStoreBackend(store: WeChatComponentStore | undefined, options: { timeoutMs: number }): StoreBackend {
  if (store === undefined) return new MemoryStoreBackend();
  return new RedisStoreBackend(redisCommandsOf(store), options.timeoutMs);
}

function redisCommandsOf(store: object): RedisCommands {
  const direct = clientCommands(store);
  if (direct) return direct;

  const stores = (store as { stores?: unknown }).stores;
  if (Array.isArray(stores)) {
    for (const keyv of stores) {
      // A Keyv instance wraps its adapter in `store`; @nestjs/cache-manager may hand over the adapter itself.
      const adapter = (keyv as { store?: unknown } | null)?.store ?? keyv;
      const commands = keyvAdapterCommands(adapter);
      if (commands) return commands;
    }
    throw unsupported(
      `The \`store\` option is a cache-manager 6/7 Cache none of whose ${stores.length} Keyv store(s) has a Redis client ` +
        `(${stores.map(describeKeyvStore).join(', ') || 'no stores'}).`,
    );
  }

  const cacheStore = (store as { store?: unknown }).store;
  if (typeof cacheStore === 'object' && cacheStore !== null) {
    const commands = clientCommands((cacheStore as { client?: unknown }).client);
    if (commands) return commands;
    const name = (cacheStore as { name?: unknown }).name;
    throw unsupported(`The \`store\` option is a cache-manager 5 Cache over a store with no Redis client (${typeof name === 'string' ? name : 'a memory store?'}).`);
  }
  throw unsupported('The `store` option is neither a Redis client nor a cache-manager Cache.');
}

function clientCommands(client: unknown): RedisCommands | undefined {
  if (isNodeRedisClient(client)) return nodeRedisCommands(client);
  if (isIoRedisClient(client)) return ioRedisCommands(client);
  return undefined;
}

/** The `@keyv/redis` adapter (`KeyvRedis`): its node-redis client, connected through the adapter on first use as Keyv would. */
function keyvAdapterCommands(adapter: unknown): RedisCommands | undefined {
  const keyvRedis = adapter as { client?: unknown; getClient?: () => Promise<unknown> } | null | undefined;
  const client = keyvRedis?.client;
  if (isNodeRedisClient(client)) {
    const getClient = keyvRedis?.getClient;
    return nodeRedisCommands(client, typeof getClient === 'function' ? () => getClient.call(keyvRedis) : undefined);
  }
  if (isIoRedisClient(client)) return ioRedisCommands(client);
  return undefined;
}

function describeKeyvStore(keyv: unknown): string {
  const adapter = (keyv as { store?: unknown } | null)?.store ?? keyv;
  const name = (adapter as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== 'Object' ? name : typeof adapter;
}

function unsupported(what: string): WeChatComponentError {
  return new WeChatComponentError(
    'UNSUPPORTED_STORE',
    `${what} The module needs a Redis it can use atomically (leases, conditional writes, indexes) and will not treat a ` +
      `store meant to be shared as per-process. ${WHAT_TO_PASS}`,
  );
}
