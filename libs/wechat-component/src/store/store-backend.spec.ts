import { caching } from 'cache-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisCache } from '../../../../test/support/redis.js';
import { createStoreBackend } from './create-store-backend.js';
import type { StoreBackend } from './store-backend.js';

type Setup = { backend: StoreBackend; prefix: string; close(): Promise<void> };

const setups: Record<string, () => Promise<Setup>> = {
  memory: async () => ({ backend: createStoreBackend(await caching('memory', { max: 1000, ttl: 0 })), prefix: 'mem', close: async () => {} }),
  redis: async () => {
    const redis = await redisCache();
    return { backend: createStoreBackend(redis.cache), prefix: redis.prefix, close: redis.close };
  },
};

describe.each(Object.keys(setups))('StoreBackend over %s', (kind) => {
  let setup: Setup;
  let key: (name: string) => string;
  beforeAll(async () => {
    setup = await setups[kind]!();
    key = (name) => `${setup.prefix}:${name}`;
  });
  afterAll(() => setup.close());

  it('detects its kind', () => {
    expect(setup.backend.kind).toBe(kind);
  });

  it('stores objects with and without expiry', async () => {
    await setup.backend.set(key('forever'), { a: 1 });
    await setup.backend.set(key('brief'), { b: 2 }, 50);
    expect(await setup.backend.get(key('forever'))).toEqual({ a: 1 });
    expect(await setup.backend.get(key('brief'))).toEqual({ b: 2 });
    await new Promise((resolve) => setTimeout(resolve, 120));
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
    expect(await setup.backend.setIfAbsent(key('short'), { owner: 'a' }, 40)).toBe(true);
    expect(await setup.backend.setIfAbsent(key('short'), { owner: 'b' }, 40)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await setup.backend.setIfAbsent(key('short'), { owner: 'b' }, 40)).toBe(true);
  });

  it('deletes only while the field still has the expected value', async () => {
    await setup.backend.set(key('token'), { token: 'new', expiresAt: 1 });
    expect(await setup.backend.deleteIfFieldEquals(key('token'), 'token', 'old')).toBe(false);
    expect(await setup.backend.get(key('token'))).toEqual({ token: 'new', expiresAt: 1 });
    expect(await setup.backend.deleteIfFieldEquals(key('token'), 'token', 'new')).toBe(true);
    expect(await setup.backend.get(key('token'))).toBeUndefined();
    expect(await setup.backend.deleteIfFieldEquals(key('absent'), 'token', 'x')).toBe(false);
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
