import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ComponentService } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { moveClock, useMovableClock } from './support/clock.js';
import { startTestSandbox } from './support/platform.js';
import { authorizeAccounts, connect, InstanceGroup, refreshCalls } from './support/scale.js';

// The job never fires by itself here: passes are run with runOnce() at chosen moments.
const NEVER = '0 0 0 1 1 *';
const sorted = (values: readonly string[]) => [...values].sort();

describe('the scheduled refresh at scale (Redis)', () => {
  let sandbox: RunningSandbox;
  let group: InstanceGroup;
  // Tokens come due and claims lapse on a clock the tests move, instead of waiting seconds for them.
  beforeEach(() => useMovableClock());
  afterEach(async () => {
    await group.close();
    await sandbox.stop();
    vi.useRealTimers();
  });

  it('finds exactly the due tokens through the index, and nothing else', async () => {
    sandbox = await startTestSandbox({ authorizerTokenTtlSeconds: 4 });
    group = new InstanceGroup(sandbox);
    const platform = await group.start({ refresh: { cron: NEVER, aheadSeconds: 2, concurrency: 4 }, reconcile: false });
    await connect(sandbox, platform);
    const due = await authorizeAccounts(sandbox, platform, 8); // 4 s tokens: due at half-life, 2 s after
    await sandbox.client.updateSettings({ authorizerTokenTtlSeconds: 7200 });
    const fresh = await authorizeAccounts(sandbox, platform, 20); // 2 h tokens: due in 1 h 45 min at the earliest
    moveClock(2200);

    const since = Date.now();
    const summary = await platform.get(ComponentService).refreshDueTokens();
    // Only the due ones were handed out: none came back "not due", none of the fresh ones was touched.
    expect(summary.authorizers).toEqual({ refreshed: 8, notDue: 0, busy: 0, failed: 0, dropped: 0 });
    const calls = await refreshCalls(sandbox, since);
    expect(sorted(calls.appIds)).toEqual(sorted(due));
    expect(calls.appIds.some((appId) => fresh.includes(appId))).toBe(false);

    // Renewed with 2 h tokens, nothing is due any more.
    expect((await platform.get(ComponentService).refreshDueTokens()).authorizers).toEqual({ refreshed: 0, notDue: 0, busy: 0, failed: 0, dropped: 0 });
  });

  it('two instances refresh each due token once, and a dead instance’s claims lapse to the living', async () => {
    sandbox = await startTestSandbox({ authorizerTokenTtlSeconds: 4 });
    group = new InstanceGroup(sandbox);
    const settings = { refresh: { cron: NEVER, aheadSeconds: 2, concurrency: 3 }, reconcile: false } as const;
    const a = await group.start(settings);
    const b = await group.start(settings);
    await connect(sandbox, a);
    const appIds = await authorizeAccounts(sandbox, a, 120);
    moveClock(2200);

    const since = Date.now();
    const [summaryA, summaryB] = await Promise.all([a, b].map((p) => p.get(ComponentService).refreshDueTokens()));
    expect(summaryA!.authorizers.refreshed + summaryB!.authorizers.refreshed).toBe(120);
    // Claimed a page at a time: both took part.
    expect(summaryA!.authorizers.refreshed).toBeGreaterThan(0);
    expect(summaryB!.authorizers.refreshed).toBeGreaterThan(0);
    const calls = await refreshCalls(sandbox, since);
    expect(calls.appIds).toHaveLength(120);
    expect(sorted(calls.appIds)).toEqual(sorted(appIds));
    // One token from api_query_auth, one from the refresh: no account got a third.
    const counts = await sandbox.client.authorizerTokenCounts(3);
    expect(counts.over).toEqual([]);
    expect(counts.maxPerAccount).toBe(2);

    // An instance claims every due entry and dies before refreshing any: its claims hold for 1.5 s, then lapse.
    moveClock(2200);
    const now = Date.now();
    expect(await group.storeBackend().indexClaim(group.dueIndexKey(sandbox.componentAppId), now, 1000, now + 1500)).toHaveLength(120);
    expect((await b.get(ComponentService).refreshDueTokens()).authorizers.refreshed).toBe(0);
    moveClock(1600);
    expect((await b.get(ComponentService).refreshDueTokens()).authorizers.refreshed).toBe(120);
  });

  it('holds the rate limit across two instances together', async () => {
    sandbox = await startTestSandbox({ authorizerTokenTtlSeconds: 4 });
    group = new InstanceGroup(sandbox);
    const settings = { refresh: { cron: NEVER, aheadSeconds: 2, concurrency: 4, rateLimitPerSecond: 10 }, reconcile: false } as const;
    const a = await group.start(settings);
    const b = await group.start(settings);
    await connect(sandbox, a);
    await authorizeAccounts(sandbox, a, 24);
    moveClock(2200);

    const since = Date.now();
    const summaries = await Promise.all([a, b].map((p) => p.get(ComponentService).refreshDueTokens()));
    expect(summaries.reduce((sum, s) => sum + s.authorizers.refreshed, 0)).toBe(24);
    const { at } = await refreshCalls(sandbox, since);
    expect(at).toHaveLength(24);
    // 8 workers with a WeChat answering in a millisecond would finish in a few ms; 10 calls/s shared by both
    // instances spaces the 24 calls over at least 2.3 s (slots 100 ms apart, on Redis's clock). Only a limiter
    // letting calls through too early can fail this; a slow machine only widens the span.
    expect(Math.max(...at) - Math.min(...at)).toBeGreaterThanOrEqual(2300 - 150);
  });
});
