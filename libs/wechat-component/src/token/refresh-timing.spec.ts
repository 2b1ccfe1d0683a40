import { describe, expect, it } from 'vitest';
import { RefreshTiming } from './refresh-timing.js';

const HOUR = 3600_000;
const record = (obtainedAt: number, lifetimeMs = 2 * HOUR) => ({ token: 't', obtainedAt, expiresAt: obtainedAt + lifetimeMs });

describe('RefreshTiming', () => {
  it('spreads tokens obtained together over [expiry − ahead − spread, expiry − ahead]', () => {
    const timing = new RefreshTiming(15 * 60_000, 30 * 60_000);
    const due = Array.from({ length: 2000 }, (_, i) => timing.dueAt(`wx${String(i).padStart(16, '0')}`, record(0)));
    expect(Math.min(...due)).toBeGreaterThanOrEqual(2 * HOUR - 45 * 60_000);
    expect(Math.max(...due)).toBeLessThanOrEqual(2 * HOUR - 15 * 60_000);
    // Roughly uniform: each of six 5-minute buckets holds a fair share.
    const buckets = new Array<number>(6).fill(0);
    for (const at of due) buckets[Math.min(5, Math.floor((at - (2 * HOUR - 45 * 60_000)) / (5 * 60_000)))]!++;
    for (const count of buckets) expect(count).toBeGreaterThan(250);
  });

  it('is the same on every instance, and changes with each new token', () => {
    const a = new RefreshTiming(900_000, 1_800_000);
    const b = new RefreshTiming(900_000, 1_800_000);
    expect(a.dueAt('wxaaaaaaaaaaaaaaaa', record(5))).toBe(b.dueAt('wxaaaaaaaaaaaaaaaa', record(5)));
    expect(a.dueAt('wxaaaaaaaaaaaaaaaa', record(5)) - 5).not.toBe(a.dueAt('wxaaaaaaaaaaaaaaaa', record(6)) - 6);
  });

  it('never renews a token with more than half its life left; without spread, exactly ahead of expiry', () => {
    const timing = new RefreshTiming(3000, 1_800_000);
    expect(timing.dueAt('wxaaaaaaaaaaaaaaaa', record(1000, 4000))).toBe(3000);
    expect(new RefreshTiming(900_000, 0).dueAt('wxaaaaaaaaaaaaaaaa', record(0))).toBe(2 * HOUR - 900_000);
    expect(timing.isDue('wxaaaaaaaaaaaaaaaa', record(1000, 4000), 2999)).toBe(false);
    expect(timing.isDue('wxaaaaaaaaaaaaaaaa', record(1000, 4000), 3000)).toBe(true);
  });
});
