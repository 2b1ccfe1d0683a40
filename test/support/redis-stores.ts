import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { createKeyv, type default as KeyvRedis } from '@keyv/redis';
import { caching } from 'cache-manager';
import { createCache } from 'cache-manager-7';
import { redisInsStore } from 'cache-manager-redis-yet';
import { Cluster as IoRedisCluster5, Redis as IoRedis5 } from 'ioredis';
import { Redis as IoRedis6 } from 'ioredis-6';
import { createClient as createClient5, createCluster as createCluster5 } from 'redis';
import { createClient as createClient4, createCluster as createCluster4 } from 'redis-4';
import { createClient as createClient6, createCluster as createCluster6 } from 'redis-6';
import type { WeChatComponentStore } from 'nestjs-wechat-component';
import { REDIS_URL } from './redis.js';

/** A store option of one kind, as an app would build it, and how to close it. */
export interface OpenStore {
  readonly store: WeChatComponentStore;
  close(): Promise<void>;
}

/**
 * Every kind of `store` the module accepts, each built the way an app builds it. `open(url, { connect: false })`
 * starts connecting without waiting (for a Redis that is not there), as an app whose Redis is down at start-up would.
 */
export const STORE_KINDS: Record<string, (url: string, options?: { connect?: boolean }) => Promise<OpenStore>> = {
  'cache-manager 5 + redis-yet': async (url, { connect = true } = {}) => {
    const client = createClient4({ url });
    await connectNodeRedis(client, connect);
    // cache-manager-redis-yet's `redisStore({ url })` builds the same client; `redisInsStore` takes one already made.
    const cache = await caching(redisInsStore(client as Parameters<typeof redisInsStore>[0]));
    return { store: cache, close: () => closeNodeRedis(client) };
  },
  'node-redis 4': async (url, { connect = true } = {}) => {
    const client = createClient4({ url });
    await connectNodeRedis(client, connect);
    return { store: client, close: () => closeNodeRedis(client) };
  },
  'node-redis 5': async (url, { connect = true } = {}) => {
    const client = createClient5({ url });
    await connectNodeRedis(client, connect);
    return { store: client, close: () => closeNodeRedis(client) };
  },
  'node-redis 6 (RESP3)': async (url, { connect = true } = {}) => {
    const client = createClient6({ url });
    await connectNodeRedis(client, connect);
    return { store: client, close: () => closeNodeRedis(client) };
  },
  'ioredis 5': async (url, { connect = true } = {}) => {
    const client = new IoRedis5(url);
    client.on('error', () => {}); // an app's own listener; the module adds its own
    if (connect) await readyIoRedis(client);
    return { store: client, close: async () => client.disconnect() };
  },
  'ioredis 6': async (url, { connect = true } = {}) => {
    const client = new IoRedis6(url);
    client.on('error', () => {});
    if (connect) await readyIoRedis(client);
    return { store: client, close: async () => client.disconnect() };
  },
  'cache-manager 7 + @keyv/redis': async (url, { connect = true } = {}) => {
    // As with @nestjs/cache-manager 3: `CacheModule.register({ stores: [createKeyv(url)] })`. Keyv connects lazily.
    const keyv = createKeyv(url);
    keyv.on('error', () => {}); // an app's own listener; the module adds its own on the client
    const keyvRedis = keyv.store as KeyvRedis<unknown>;
    const cache = createCache({ stores: [keyv] });
    if (connect) await cache.get('warm-up'); // the app's own first use; the module would connect it anyway
    return { store: cache, close: () => closeNodeRedis(keyvRedis.client) };
  },
};

type ClusterNodes = ReadonlyArray<{ host: string; port: number }>;

/** Every kind of Redis Cluster client the module accepts, over the nodes of a cluster. */
export const CLUSTER_KINDS: Record<string, (nodes: ClusterNodes) => Promise<OpenStore>> = {
  'node-redis 4 cluster': async (nodes) => {
    const cluster = createCluster4({ rootNodes: nodes.map(({ host, port }) => ({ url: `redis://${host}:${port}` })) });
    await connectNodeRedis(cluster, true);
    return { store: cluster, close: () => closeNodeRedis(cluster) };
  },
  'node-redis 5 cluster': async (nodes) => {
    const cluster = createCluster5({ rootNodes: nodes.map(({ host, port }) => ({ url: `redis://${host}:${port}` })) });
    await connectNodeRedis(cluster, true);
    return { store: cluster, close: () => closeNodeRedis(cluster) };
  },
  'node-redis 6 cluster (RESP3)': async (nodes) => {
    const cluster = createCluster6({ rootNodes: nodes.map(({ host, port }) => ({ url: `redis://${host}:${port}` })) });
    await connectNodeRedis(cluster, true);
    return { store: cluster, close: () => closeNodeRedis(cluster) };
  },
  'ioredis 5 cluster': async (nodes) => {
    const cluster = new IoRedisCluster5(nodes.map((node) => ({ ...node })));
    cluster.on('error', () => {});
    await readyIoRedis(cluster);
    return { store: cluster, close: async () => cluster.disconnect() };
  },
};

interface NodeRedisClient {
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy?(): unknown;
  disconnect?(): Promise<unknown>;
}

async function connectNodeRedis(client: NodeRedisClient, wait: boolean): Promise<void> {
  client.on('error', () => {}); // an app's own listener; the module adds its own
  const connected = client.connect();
  if (wait) await connected;
  else connected.catch(() => {}); // keeps retrying until closed
}

async function closeNodeRedis(client: NodeRedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (typeof client.destroy === 'function') client.destroy();
  else await client.disconnect?.().catch(() => {});
}

async function readyIoRedis(client: { readonly status: string; once(event: string, listener: () => void): unknown }): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('end', () => reject(new Error('ioredis gave up connecting')));
  });
}

/** A random key prefix for one test, and a cleanup deleting every key under it (over its own connection). */
export async function keySpace(): Promise<{ prefix: string; close(): Promise<void> }> {
  const prefix = `test-${randomUUID()}`;
  return {
    prefix,
    close: async () => {
      const admin = createClient5({ url: REDIS_URL });
      await admin.connect();
      const keys = await admin.keys(`*${prefix}*`);
      if (keys.length > 0) await admin.del(keys);
      admin.destroy();
    },
  };
}

/** A Redis URL on a port where nothing listens: a Redis that is down. */
export async function unreachableRedisUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `redis://127.0.0.1:${port}`;
}
