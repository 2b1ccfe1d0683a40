import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startRedisCluster, type OwnRedisCluster } from '../support/redis-server.js';
import { CLUSTER_KINDS, keySpace, STORE_KINDS } from '../support/redis-stores.js';
import { REDIS_URL } from '../support/redis.js';
import { createStoreBackend } from '../../libs/wechat-component/src/store/create-store-backend.js';
import { MemoryStoreBackend } from '../../libs/wechat-component/src/store/memory-store-backend.js';
import type { RedisStoreBackend } from '../../libs/wechat-component/src/store/redis-store-backend.js';
import type { StoreBackend } from '../../libs/wechat-component/src/store/store-backend.js';

type Setup = { backend: StoreBackend; kind: StoreBackend['kind']; library?: string; prefix: string; close(): Promise<void> };

// One behavioural suite for the memory backend and for the Redis backend over every kind of `store` an app may pass.
const setups: Record<string, () => Promise<Setup>> = {
  memory: async () => ({ backend: new MemoryStoreBackend(), kind: 'memory', prefix: 'mem', close: async () => {} }),
};
for (const [name, open] of Object.entries(STORE_KINDS)) {
  setups[name] = async () => {
    const [opened, keys] = await Promise.all([open(REDIS_URL), keySpace()]);
    return {
      backend: createStoreBackend(opened.store, { timeoutMs: 2000 }),
      kind: 'redis',
      library: name.includes('ioredis') ? 'ioredis' : 'node-redis',
      prefix: keys.prefix,
      close: async () => {
        await keys.close();
        await opened.close();
      },
    };
  };
}

// A Redis Cluster of the test's own, started for the first cluster setup. The suite's keys share one hash tag (as the
// module's fenced writes do, see StoreKeys.lock), so its two-key scripts may run on a cluster.
let cluster: Promise<OwnRedisCluster> | undefined;
afterAll(async () => (await cluster)?.stop());
for (const [name, open] of Object.entries(CLUSTER_KINDS)) {
  setups[name] = async () => {
    cluster ??= startRedisCluster();
    const opened = await open((await cluster).nodes);
    return {
      backend: createStoreBackend(opened.store, { timeoutMs: 2000 }),
      kind: 'redis',
      library: name.includes('ioredis') ? 'ioredis' : 'node-redis',
      prefix: `{test-${randomUUID()}}`,
      close: () => opened.close(),
    };
  };
}

describe.each(Object.keys(setups))('StoreBackend over %s', (name) => {
  let setup: Setup;
  let key: (name: string) => string;
  beforeAll(async () => {
    setup = await setups[name]!();
    key = (name) => `${setup.prefix}:${name}`;
  });
  afterAll(() => setup.close());

  it('detects its kind', () => {
    expect(setup.backend.kind).toBe(setup.kind);
    if (setup.library) expect((setup.backend as RedisStoreBackend).library).toBe(setup.library);
  });

  it('stores objects with and without expiry', async () => {
    await setup.backend.set(key('forever'), { a: 1 });
    await setup.backend.set(key('brief'), { b: 2 }, 1000);
    expect(await setup.backend.get(key('forever'))).toEqual({ a: 1 });
    expect(await setup.backend.get(key('brief'))).toEqual({ b: 2 });
    // Gone once its TTL has passed (polled, so a loaded machine only makes this slower, never wrong).
    for (let tries = 0; (await setup.backend.get(key('brief'))) !== undefined && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await setup.backend.get(key('brief'))).toBeUndefined();
    expect(await setup.backend.get(key('forever'))).toEqual({ a: 1 });
    await setup.backend.delete(key('forever'));
    expect(await setup.backend.get(key('forever'))).toBeUndefined();
  });

  it('lets exactly one of many concurrent callers take a lease', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => setup.backend.setIfAbsent(key('lease'), { owner: String(i) }, 1000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets a lease expire by itself', async () => {
    expect(await setup.backend.setIfAbsent(key('short'), { owner: 'a' }, 1000)).toBe(true);
    expect(await setup.backend.setIfAbsent(key('short'), { owner: 'b' }, 1000)).toBe(false);
    // Taken again once it lapsed (polled, so a loaded machine only makes this slower, never wrong).
    let taken = false;
    for (let tries = 0; !taken && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      taken = await setup.backend.setIfAbsent(key('short'), { owner: 'b' }, 1000);
    }
    expect(taken).toBe(true);
    expect(await setup.backend.get(key('short'))).toEqual({ owner: 'b' });
  });

  it('deletes only while the field still has the expected value', async () => {
    await setup.backend.set(key('token'), { token: 'new', expiresAt: 1 });
    expect(await setup.backend.deleteIfFieldEquals(key('token'), 'token', 'old')).toBe(false);
    expect(await setup.backend.get(key('token'))).toEqual({ token: 'new', expiresAt: 1 });
    expect(await setup.backend.deleteIfFieldEquals(key('token'), 'token', 'new')).toBe(true);
    expect(await setup.backend.get(key('token'))).toBeUndefined();
    expect(await setup.backend.deleteIfFieldEquals(key('absent'), 'token', 'x')).toBe(false);
  });

  it('writes conditionally on a version: a create only when absent, an update only over the version read', async () => {
    const k = key('cas');
    const guard = (equals: number | null) => ({ key: k, field: 'version', equals });
    expect(await setup.backend.setIf(k, { version: 1, v: 'a' }, guard(null))).toBe(true);
    expect(await setup.backend.setIf(k, { version: 1, v: 'b' }, guard(null))).toBe(false);
    expect(await setup.backend.setIf(k, { version: 2, v: 'c' }, guard(1))).toBe(true);
    expect(await setup.backend.setIf(k, { version: 2, v: 'late' }, guard(1))).toBe(false);
    expect(await setup.backend.get(k)).toEqual({ version: 2, v: 'c' });
    const racers = await Promise.all(Array.from({ length: 20 }, (_, i) => setup.backend.setIf(k, { version: 3, v: i }, guard(2))));
    expect(racers.filter(Boolean)).toHaveLength(1);
  });

  it('fences a write by the owner of another key (a lease), and reads a missing numeric field as 0', async () => {
    const lock = key('fence-lock');
    const target = key('fenced');
    expect(await setup.backend.setIfAbsent(lock, { owner: 'me' }, 5000)).toBe(true);
    expect(await setup.backend.setIf(target, { token: 't1' }, { key: lock, field: 'owner', equals: 'me' }, 5000)).toBe(true);
    expect(await setup.backend.setIf(target, { token: 't2' }, { key: lock, field: 'owner', equals: 'someone-else' }, 5000)).toBe(false);
    await setup.backend.delete(lock);
    expect(await setup.backend.setIf(target, { token: 't3' }, { key: lock, field: 'owner', equals: 'me' }, 5000)).toBe(false);
    expect(await setup.backend.get(target)).toEqual({ token: 't1' });
    await setup.backend.set(key('legacy'), { a: 1 });
    expect(await setup.backend.setIf(key('legacy'), { a: 2, version: 1 }, { key: key('legacy'), field: 'version', equals: 0 })).toBe(true);
  });

  it('keeps only newer values with setIfNewer, atomically', async () => {
    const k = key('newer');
    expect(await setup.backend.setIfNewer(k, { at: 10, v: 'ten' }, 'at', 60_000)).toBe(true);
    expect(await setup.backend.setIfNewer(k, { at: 5, v: 'five' }, 'at', 60_000)).toBe(false);
    expect(await setup.backend.setIfNewer(k, { at: 10, v: 'again' }, 'at', 60_000)).toBe(false);
    // 200 concurrent pairs: the newest always wins, whatever the order of arrival.
    const writes = Array.from({ length: 200 }, (_, i) => setup.backend.setIfNewer(k, { at: 100 + ((i * 37) % 200), v: i }, 'at', 60_000));
    await Promise.all(writes);
    expect(await setup.backend.get<{ at: number }>(k)).toMatchObject({ at: 299 });
  });

  it('keeps an ordered index: range by score and by rank', async () => {
    const index = key('index');
    await setup.backend.indexAdd(index, 'c', 30);
    await setup.backend.indexAdd(index, 'a', 10);
    await setup.backend.indexAdd(index, 'b', 20);
    await setup.backend.indexAdd(index, 'a', 40); // moves
    expect(await setup.backend.indexRangeByScore(index, 30, 10)).toEqual([
      { member: 'b', score: 20 },
      { member: 'c', score: 30 },
    ]);
    expect(await setup.backend.indexRangeByScore(index, 100, 1)).toEqual([{ member: 'b', score: 20 }]);
    expect(await setup.backend.indexRange(index, 1, 5)).toEqual(['c', 'a']);
    await setup.backend.indexRemove(index, 'c');
    expect(await setup.backend.indexSize(index)).toBe(2);
    expect(await setup.backend.indexRange(index, 0, 0)).toEqual([]);
  });

  it('adds to an index only when absent', async () => {
    const index = key('absent-index');
    expect(await setup.backend.indexAddIfAbsent(index, 'a', 10)).toBe(true);
    expect(await setup.backend.indexAddIfAbsent(index, 'a', 99)).toBe(false);
    expect(await setup.backend.indexRangeByScore(index, 100, 10)).toEqual([{ member: 'a', score: 10 }]);
  });

  it('claims due members atomically: each once among concurrent claimers, again once the claim lapses', async () => {
    const index = key('claims');
    for (let i = 0; i < 30; i++) await setup.backend.indexAdd(index, `m${String(i).padStart(2, '0')}`, i < 20 ? 100 + i : 1000 + i);
    const pages = await Promise.all(Array.from({ length: 6 }, () => setup.backend.indexClaim(index, 500, 5, 700)));
    const claimed = pages.flat().map((entry) => entry.member);
    // 20 due members, each handed to exactly one claimer; the 10 not due never.
    expect(claimed).toHaveLength(20);
    expect(new Set(claimed).size).toBe(20);
    expect(claimed.every((member) => Number(member.slice(1)) < 20)).toBe(true);
    expect(pages.flat().find((entry) => entry.member === 'm03')?.score).toBe(103);
    expect(await setup.backend.indexClaim(index, 500, 50, 800)).toEqual([]);
    // Claimed members now sit at the claim score: due again once it is reached.
    const lapsed = await setup.backend.indexClaim(index, 700, 50, 900);
    expect(lapsed).toHaveLength(20);
    expect(await setup.backend.indexSize(index)).toBe(30);
  });

  it('reserves rate slots one interval apart across callers', async () => {
    const rate = key('rate');
    const started = Date.now();
    const waits = await Promise.all(Array.from({ length: 10 }, () => setup.backend.reserveRateSlots(rate, 100, 1)));
    const spread = Date.now() - started + 1; // the reservations arrived within this many ms of each other
    const sorted = [...waits].sort((a, b) => a - b);
    // The first slot is free; slots are exactly 100 ms apart, so waits differ by 100 ms less the arrival spread.
    expect(sorted[0]).toBe(0);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(100 - spread);
    expect(sorted[9]).toBeGreaterThanOrEqual(900 - spread);
    // A batch of slots moves the next free slot by all of them.
    const batch = key('rate-batch');
    const batchStarted = Date.now();
    expect(await setup.backend.reserveRateSlots(batch, 100, 5)).toBe(0);
    const next = await setup.backend.reserveRateSlots(batch, 100, 1);
    expect(next).toBeGreaterThanOrEqual(500 - (Date.now() - batchStarted) - 1);
    expect(next).toBeLessThanOrEqual(500);
  });
});

describe('MemoryStoreBackend', () => {
  it('never evicts durable entries, however many short-lived ones come and go', async () => {
    let now = 1_000_000;
    const backend = new MemoryStoreBackend(() => now);
    for (let i = 0; i < 1000; i++) await backend.set(`record:${i}`, { i });
    // 300,000 markers within their lifetime (e.g. ~1,000 messages/s for 300 s), more than any cache would hold.
    for (let i = 0; i < 300_000; i++) await backend.setIfAbsent(`marker:${i}`, { i }, 300_000);
    for (let i = 0; i < 1000; i++) expect(await backend.get(`record:${i}`)).toEqual({ i });
    now += 300_001;
    expect(await backend.get('marker:0')).toBeUndefined();
    // Expired entries are swept once the writes since the last sweep reach the map's size (amortized O(1) a write).
    for (let i = 0; i < 310_000; i++) await backend.set('later', i, 1000);
    expect(backend.size).toBeLessThan(2000);
    expect(await backend.get('record:999')).toEqual({ i: 999 });
  });
});
