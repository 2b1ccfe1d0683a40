import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../common/ring-buffer.js';
import { FaultStore } from '../faults/fault-store.js';
import { AccessTokens } from './access-tokens.js';
import { ExpiringCodes } from './expiring-codes.js';
import { TicketStore } from './tickets.js';
import { CLEARS_PER_MONTH, DAILY_LIMITS, UsageCounters } from './usage.js';

const manualClock = (start = Date.UTC(2026, 0, 15, 4)) => {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
};

describe('UsageCounters', () => {
  it('refuses calls past the daily limit until the next China day or a clear; clears are limited per month', () => {
    const { clock, advance } = manualClock();
    const usage = new UsageCounters(clock);
    const path = '/cgi-bin/menu/create';
    for (let i = 0; i < DAILY_LIMITS[path]!; i++) usage.count('wxa', path);
    expect(usage.allows('wxa', path)).toBe(false);
    expect(usage.allows('wxb', path)).toBe(true);
    expect(usage.allows('wxa', '/unlimited')).toBe(true);
    expect(usage.quota('wxa', path)).toEqual({ daily_limit: 1000, used: 1000, remain: 0 });
    expect(usage.clear('wxa')).toBe(true);
    expect(usage.allows('wxa', path)).toBe(true);
    for (let i = 1; i < CLEARS_PER_MONTH; i++) expect(usage.clear('wxa')).toBe(true);
    expect(usage.clear('wxa')).toBe(false);
    usage.count('wxa', path);
    advance(24 * 3600_000);
    expect(usage.quota('wxa', path)?.used).toBe(0);
    expect(usage.forOwner('wxa')[path]).toBe(1001);
    advance(31 * 24 * 3600_000);
    expect(usage.clear('wxa')).toBe(true);
  });
});

describe('AccessTokens', () => {
  it('keeps at most the current and one replaced token per owner', () => {
    const { clock, advance } = manualClock();
    const tokens = new AccessTokens(clock, () => 300);
    const a = tokens.issue('authorizer', 'wx1', 7200);
    const b = tokens.issue('authorizer', 'wx1', 7200);
    expect(tokens.check(a.token)).toMatchObject({ ok: true });
    const c = tokens.issue('authorizer', 'wx1', 7200);
    expect(tokens.check(a.token)).toEqual({ ok: false, errcode: 40001 });
    expect(tokens.check(b.token)).toMatchObject({ ok: true });
    advance(300_000);
    expect(tokens.check(b.token)).toEqual({ ok: false, errcode: 42001 });
    expect(tokens.check(c.token)).toMatchObject({ ok: true });
    expect(tokens.issuedCount('wx1')).toBe(3);
    expect([...tokens.issueCounts('authorizer')]).toEqual([['wx1', 3]]);
    expect(tokens.check('x')).toEqual({ ok: false, errcode: 40014 });
  });
});

describe('ExpiringCodes', () => {
  it('redeems once, reports used and expired codes, and forgets them after the retention', () => {
    const { clock, advance } = manualClock();
    const codes = new ExpiringCodes<string>(clock, 1000);
    codes.issue('a', 'A', 10);
    codes.issue('b', 'B', 10);
    expect(codes.redeem('a')).toEqual({ status: 'ok', data: 'A' });
    expect(codes.redeem('a')).toEqual({ status: 'used', data: 'A' });
    advance(10_000);
    expect(codes.redeem('b')).toEqual({ status: 'expired', data: 'B' });
    advance(2_000);
    codes.issue('c', 'C', 10);
    expect(codes.size).toBe(1);
    expect(codes.peek('a')).toEqual({ status: 'unknown' });
  });

  it('stays bounded', () => {
    const { clock } = manualClock();
    const codes = new ExpiringCodes<null>(clock, 1000, 100);
    for (let i = 0; i < 1000; i++) codes.issue(String(i), null, 60);
    expect(codes.size).toBeLessThanOrEqual(100);
  });
});

describe('TicketStore', () => {
  it('accepts the current and previous ticket while young, 61005 for older known ones, 61006 otherwise', () => {
    const { clock, advance } = manualClock();
    const tickets = new TicketStore(clock, () => 43_200);
    const t1 = tickets.issue().value;
    const t2 = tickets.issue().value;
    const t3 = tickets.issue().value;
    expect([tickets.check(t3), tickets.check(t2), tickets.check(t1), tickets.check('x'), tickets.check(undefined)]).toEqual(['ok', 'ok', 61005, 61006, 61006]);
    advance(43_200_000);
    expect(tickets.check(t3)).toBe(61005);
  });
});

describe('FaultStore and RingBuffer', () => {
  it('matches faults by exact path, prefix and appId', () => {
    const faults = new FaultStore();
    faults.add({ path: '/a/*', errcode: 1, appId: 'wx1' });
    faults.add({ path: '/b', latencyMs: 5, times: 1 });
    expect(faults.take('/a/x', 'wx2')).toBeUndefined();
    expect(faults.take('/a/x', 'wx1')?.errcode).toBe(1);
    expect(faults.take('/b', undefined)?.latencyMs).toBe(5);
    expect(faults.take('/b', undefined)).toBeUndefined();
  });

  it('keeps the newest entries', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect([...ring]).toEqual([3, 4, 5]);
    expect(ring.latest(2)).toEqual([5, 4]);
    expect(ring.latest(5, (n) => n % 2 === 1)).toEqual([5, 3]);
  });
});
