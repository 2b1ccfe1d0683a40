import { createKeyv } from '@keyv/redis';
import { caching } from 'cache-manager';
import { createCache } from 'cache-manager-7';
import { Redis as IoRedis } from 'ioredis';
import { Keyv } from 'keyv';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type TestRedisServer } from '../support/redis-server.js';
import { keySpace, STORE_KINDS, unreachableRedisUrl, type OpenStore } from '../support/redis-stores.js';
import { REDIS_URL } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { StoreUnavailableError, WeChatComponentError } from 'nestjs-wechat-component';
import { createStoreBackend } from '../../libs/wechat-component/src/store/create-store-backend.js';
import type { RedisStoreBackend } from '../../libs/wechat-component/src/store/redis-store-backend.js';
import type { StoreBackend } from '../../libs/wechat-component/src/store/store-backend.js';

describe('createStoreBackend refuses a store it cannot use atomically', () => {
  const refusal = (store: Parameters<typeof createStoreBackend>[0]) => {
    try {
      createStoreBackend(store, { timeoutMs: 1000 });
    } catch (error) {
      return error as WeChatComponentError;
    }
    throw new Error('the store was accepted');
  };

  it('a cache-manager 7 Cache over memory Keyv, saying what to pass instead', () => {
    for (const cache of [createCache(), createCache({ stores: [new Keyv()] })]) {
      const error = refusal(cache);
      expect(error).toBeInstanceOf(WeChatComponentError);
      expect(error.code).toBe('UNSUPPORTED_STORE');
      expect(error.message).toContain('cache-manager 6/7 Cache none of whose 1 Keyv store(s) has a Redis client (Map)');
      expect(error.message).toContain('will not treat a store meant to be shared as per-process');
      expect(error.message).toContain('@keyv/redis');
      expect(error.message).toContain('node-redis client');
      expect(error.message).toContain('ioredis client');
      expect(error.message).toContain('leave `store` unset');
    }
  });

  it('a cache-manager 5 Cache over memory, saying what to pass instead', async () => {
    const error = refusal(await caching('memory'));
    expect(error.code).toBe('UNSUPPORTED_STORE');
    expect(error.message).toContain('cache-manager 5 Cache over a store with no Redis client (a memory store?)');
    expect(error.message).toContain('createKeyv(url)');
    expect(error.message).toContain('caching(redisStore, { url })');
  });
});

describe('createStoreBackend over a tiered cache-manager 7 Cache (memory in front of Redis)', () => {
  it('uses the Redis store: writes are visible to another Redis client', async () => {
    const keys = await keySpace();
    const keyv = createKeyv(REDIS_URL);
    keyv.on('error', () => {});
    const cache = createCache({ stores: [new Keyv(), keyv] });
    const other = createClient({ url: REDIS_URL });
    other.on('error', () => {});
    await other.connect();
    try {
      const backend = createStoreBackend(cache, { timeoutMs: 2000 });
      expect(backend.kind).toBe('redis');
      await waitFor(async () => (await backend.setIfAbsent(`${keys.prefix}:lease`, { owner: 'a' }, 5000).catch(() => undefined)) || undefined, 'Keyv connected');
      expect(JSON.parse((await other.get(`${keys.prefix}:lease`)) ?? 'null')).toEqual({ owner: 'a' });
    } finally {
      await keys.close();
      other.destroy();
      await (keyv.store as { disconnect(force?: boolean): Promise<void> }).disconnect(true);
    }
  });
});

describe('createStoreBackend over a client the app has not connected', () => {
  it('connects an ioredis client made with lazyConnect, as ioredis would on first use', async () => {
    const client = new IoRedis(REDIS_URL, { lazyConnect: true });
    try {
      const backend = createStoreBackend(client, { timeoutMs: 2000 }) as RedisStoreBackend;
      expect(client.status).toBe('wait');
      expect(await backend.whenReady(10_000)).toBe(true);
      expect(client.status).toBe('ready');
    } finally {
      client.disconnect();
    }
  });

  it('fails fast on a node-redis client nobody called connect() on, saying so', async () => {
    const client = createClient({ url: REDIS_URL });
    const backend = createStoreBackend(client, { timeoutMs: 60_000 });
    const error = await backend.get('k').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).reason).toBe(
      'get: the node-redis client is not connected: call `await client.connect()` before using it',
    );
    expect(client.isOpen).toBe(false); // the app's client: connecting it is the app's call
  });
});

describe('the Redis backend listens to its client’s error event (an unhandled one would end the process)', () => {
  it.each([
    ['node-redis', () => createClient({ url: REDIS_URL })],
    ['ioredis', () => new IoRedis(REDIS_URL, { lazyConnect: true })],
  ] as const)('%s', (_, make) => {
    const client = make();
    expect(client.listenerCount('error')).toBe(0);
    createStoreBackend(client, { timeoutMs: 1000 });
    expect(client.listenerCount('error')).toBe(1);
    expect(() => client.emit('error', new Error('connection reset'))).not.toThrow();
  });
});

describe.each(Object.keys(STORE_KINDS))('the Redis backend over %s when Redis is down', (name) => {
  let server: TestRedisServer | undefined;
  let opened: OpenStore;
  let backend: StoreBackend;
  let port: number;
  // A call that queued instead of failing fast would fail only after this long, saying so.
  const timeoutMs = 10_000;

  beforeAll(async () => {
    const url = await unreachableRedisUrl();
    port = Number(new URL(url).port);
    opened = await STORE_KINDS[name]!(url, { connect: false });
    backend = createStoreBackend(opened.store, { timeoutMs });
  });
  afterAll(async () => {
    await opened.close();
    await server?.stop();
  });

  const failure = async (call: Promise<unknown>) => {
    const error = await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
    return (error as StoreUnavailableError).reason;
  };

  it('fails every call at once with StoreUnavailableError, never queuing it', async () => {
    const reasons = await Promise.all([
      failure(backend.get('k')),
      failure(backend.setIfAbsent('k', { owner: 'a' }, 1000)),
      failure(backend.setIf('k', { v: 1 }, { key: 'k', field: 'v', equals: null })),
      failure(backend.indexClaim('i', 1, 1, 2)),
    ]);
    for (const reason of reasons) {
      expect(reason).toMatch(/(node-redis|ioredis) client is (not connected|connecting)/);
      expect(reason).not.toContain('no answer within');
    }
  });

  it('works again once Redis is back, without a new client; fails fast again when it goes away', async () => {
    server = await startRedisServer({ port });
    const key = `test-${name}:recovered`;
    await waitFor(async () => (await backend.setIfAbsent(key, { owner: 'a' }, 60_000).catch(() => undefined)) || undefined, `${name} reconnected`, 15_000);
    expect(await backend.get(key)).toEqual({ owner: 'a' });
    await server.stop();
    await waitFor(async () => ((await (backend as RedisStoreBackend).whenReady(0)) ? undefined : true), `${name} noticed the outage`);
    expect(await failure(backend.get(key))).toMatch(/(node-redis|ioredis) client is not connected/);
  });
});
