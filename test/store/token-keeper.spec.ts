import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStoreBackend } from '../../libs/wechat-component/src/store/create-store-backend.js';
import { LeaseLock } from '../../libs/wechat-component/src/store/lease-lock.js';
import type { StoreBackend } from '../../libs/wechat-component/src/store/store-backend.js';
import { StoreKeys } from '../../libs/wechat-component/src/store/store-keys.js';
import { TokenKeeper, type ManagedToken } from '../../libs/wechat-component/src/token/token-keeper.js';
import { redisCache } from '../support/redis.js';

// The token keeper's lease over a real Redis, shared by two instances (each its own connection). What the keeper
// decides on any store is in libs/wechat-component/src/token/token-keeper.spec.ts, over the memory store.
describe('TokenKeeper over Redis', () => {
  let redis: Awaited<ReturnType<typeof redisCache>>;
  let keys: StoreKeys;
  const connection = () => createStoreBackend(redis.cache, { timeoutMs: 2000 });
  const keeper = (backend: StoreBackend, leaseMs = 2000) =>
    new TokenKeeper(backend, keys, new LeaseLock(backend, leaseMs), { waitMs: 5000, workMs: leaseMs - 100, backoffMs: 1000, maxBackoffMs: 60_000 });

  beforeAll(async () => {
    redis = await redisCache();
    keys = new StoreKeys(redis.prefix, 'wx0000000000000000');
  });
  afterAll(() => redis.close());

  it('shares one fetch between two instances', async () => {
    let fetches = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const managed: ManagedToken = {
      key: `${redis.prefix}:t2`,
      label: 'test',
      fetch: async () => {
        fetches++;
        await released;
        return { token: `token-${fetches}`, expiresInSeconds: 7200 };
      },
    };
    const [backendA, backendB] = [connection(), connection()];
    const tries = [vi.spyOn(backendA, 'setIfAbsent'), vi.spyOn(backendB, 'setIfAbsent')];
    const [a, b] = [keeper(backendA), keeper(backendB)];
    const tokens = Promise.all([...Array.from({ length: 15 }, () => a.getToken(managed)), ...Array.from({ length: 15 }, () => b.getToken(managed))]);
    // The fetch is held until both instances have asked Redis for the lease (one got it, the other waits for it).
    await vi.waitFor(() => expect(Math.min(...tries.map((spy) => spy.mock.calls.length))).toBeGreaterThanOrEqual(1));
    release();
    expect(new Set(await tokens)).toEqual(new Set(['token-1']));
    expect(fetches).toBe(1);
  });

  it('takes over when the holder of the lease died, once Redis lets its lease lapse', async () => {
    let fetches = 0;
    const managed: ManagedToken = {
      key: `${redis.prefix}:t5`,
      label: 'test',
      fetch: async () => ({ token: `token-${++fetches}`, expiresInSeconds: 7200 }),
    };
    const backend = connection();
    // A holder that took the lease and vanished: Redis expires its lease after 150 ms (by Redis's clock, not ours).
    expect(await backend.setIfAbsent(keys.lock(managed.key), { owner: 'dead' }, 150)).toBe(true);
    const started = Date.now();
    expect(await keeper(backend, 150).getToken(managed)).toBe('token-1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(fetches).toBe(1);
  });
});
