import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisCache } from '../../../../test/support/redis.js';
import { createStoreBackend } from '../store/create-store-backend.js';
import { MemoryStoreBackend } from '../store/memory-store-backend.js';
import { LeaseLock } from '../store/lease-lock.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import { TokenKeeper, type ManagedToken } from './token-keeper.js';

function countingToken(key: string, delayMs = 30, lifetimeSeconds = 7200) {
  let fetches = 0;
  const managed: ManagedToken = {
    key,
    label: 'test',
    fetch: async () => {
      fetches++;
      await sleep(delayMs);
      return { token: `token-${fetches}`, expiresInSeconds: lifetimeSeconds };
    },
  };
  return { managed, fetches: () => fetches };
}

describe('TokenKeeper', () => {
  let redis: Awaited<ReturnType<typeof redisCache>>;
  let shared: StoreBackend;
  let keys: StoreKeys;
  const keeper = (backend: StoreBackend, leaseMs = 2000) => new TokenKeeper(backend, keys, new LeaseLock(backend, leaseMs), { waitMs: 5000, workMs: leaseMs - 100, backoffMs: 1000, maxBackoffMs: 60_000 });

  beforeAll(async () => {
    redis = await redisCache();
    shared = createStoreBackend(redis.cache, { timeoutMs: 2000 });
    keys = new StoreKeys(redis.prefix, 'wx0000000000000000');
  });
  afterAll(() => redis.close());

  it('shares one fetch among 30 concurrent callers in a process (memory store)', async () => {
    const memory = new MemoryStoreBackend();
    const { managed, fetches } = countingToken('mem:t1');
    const tokens = await Promise.all(Array.from({ length: 30 }, () => keeper(memory).getToken(managed)));
    // Separate keepers share nothing in process, but the memory store's lease still lets one fetch.
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(fetches()).toBe(1);
  });

  it('shares one fetch between two instances over Redis', async () => {
    const { managed, fetches } = countingToken(`${redis.prefix}:t2`, 80);
    const a = keeper(createStoreBackend(redis.cache, { timeoutMs: 2000 }));
    const b = keeper(shared);
    const tokens = await Promise.all([...Array.from({ length: 15 }, () => a.getToken(managed)), ...Array.from({ length: 15 }, () => b.getToken(managed))]);
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(fetches()).toBe(1);
  });

  it('drops a rejected token only if it is still the stored one', async () => {
    const { managed, fetches } = countingToken(`${redis.prefix}:t3`, 1);
    const k = keeper(shared);
    expect(await k.getToken(managed)).toBe('token-1');
    await k.invalidate(managed, 'some-older-token');
    expect(await k.getToken(managed)).toBe('token-1');
    await k.invalidate(managed, 'token-1');
    expect(await k.getToken(managed)).toBe('token-2');
    expect(fetches()).toBe(2);
  });

  it('refreshIfDue: refreshes when due, skips when not due or busy', async () => {
    const { managed, fetches } = countingToken(`${redis.prefix}:t4`, 60);
    const k = keeper(shared);
    await k.getToken(managed);
    expect(await k.refreshIfDue(managed, () => false)).toBe('not-due');
    const [first, second] = await Promise.all([k.refreshIfDue(managed, () => true), sleep(10).then(() => k.refreshIfDue(managed, () => true))]);
    expect([first, second]).toEqual(['refreshed', 'busy']);
    expect(fetches()).toBe(2);
  });

  it('takes over when the holder of the lease died', async () => {
    const { managed, fetches } = countingToken(`${redis.prefix}:t5`, 1);
    // A holder that took the lease and vanished: its lease expires after 150 ms.
    expect(await shared.setIfAbsent(keys.lock(managed.key), { owner: 'dead' }, 150)).toBe(true);
    const started = Date.now();
    expect(await keeper(shared, 150).getToken(managed)).toBe('token-1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(fetches()).toBe(1);
  });

  it('forceRefresh fetches a new token even when the stored one is fresh', async () => {
    const { managed, fetches } = countingToken(`${redis.prefix}:t6`, 1);
    const k = keeper(shared);
    await k.getToken(managed);
    expect((await k.forceRefresh(managed)).token).toBe('token-2');
    expect(fetches()).toBe(2);
  });
});
