import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ComponentService } from 'nestjs-wechat-component';
import { TokenRefreshScheduler } from '../libs/wechat-component/src/token/token-refresh.scheduler.js';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { moveClock, useMovableClock } from './support/clock.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { redisCache } from './support/redis.js';

const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';

describe('the scheduled refresh with short-lived tokens', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  let component: ComponentService;
  let appIds: string[];

  beforeAll(async () => {
    // The job's cron, the tokens' lifetimes and the sandbox all run on fake timers and a fake clock, which keep real
    // time while the platform starts and which the test then moves a quarter second at a time.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
    // Tokens live 4 s; the job runs every second and looks 3 s ahead, but never refreshes a token with over 2 s left.
    sandbox = await startTestSandbox({ authorizerTokenTtlSeconds: 4, componentTokenTtlSeconds: 4 });
    platform = await startPlatform(sandbox, { refresh: { cron: '* * * * * *', aheadSeconds: 3, concurrency: 2 } });
    component = platform.get(ComponentService);
    await connect(sandbox, platform);
    appIds = [];
    for (let i = 0; i < 3; i++) {
      const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
      await component.queryAuth((await sandbox.client.authorize(appId, { push: false })).authorizationCode);
      appIds.push(appId);
    }
    await component.getAccessToken();
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
    vi.useRealTimers();
  });

  it('keeps every token valid without any call needing it, refreshing at about half-life', async () => {
    const passes = vi.spyOn(platform.get(TokenRefreshScheduler), 'runOnce');
    const started = Date.now();
    while (Date.now() - started < 7000) {
      // Time moves on only once every pass the job started has finished, however slow the machine.
      await Promise.allSettled(passes.mock.results.map((result) => result.value));
      const summary = await sandbox.client.summary();
      expect(summary.componentToken?.expired).toBe(false);
      for (const appId of appIds) {
        const account = await sandbox.client.getAccount(appId);
        expect(account.accessToken?.expired, `${appId} token expired`).toBe(false);
      }
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(passes.mock.calls.length).toBeGreaterThanOrEqual(6); // the job ran about once a second
    const refreshes = (await sandbox.client.calls({ path: AUTHORIZER_TOKEN, limit: 1000 })).length / appIds.length;
    // 7 s of 4 s tokens refreshed at ≤ 2 s left: about three refreshes each, never one per tick (seven).
    expect(refreshes).toBeGreaterThanOrEqual(2);
    expect(refreshes).toBeLessThanOrEqual(5);
    // No 42001 ever: no call found an expired token.
    expect((await sandbox.client.calls({ limit: 1000 })).filter((call) => call.errcode === 42001)).toEqual([]);
  });
});

describe('the scheduled refresh across two instances', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes each due token exactly once per cycle', async () => {
    useMovableClock(); // tokens come due on a clock the test moves
    const sandbox = await startTestSandbox({ authorizerTokenTtlSeconds: 4 });
    const connections = [await redisCache(), await redisCache()];
    const keyPrefix = connections[0]!.prefix;
    const [a, b] = await Promise.all(
      connections.map((connection) => startPlatform(sandbox, { store: connection.cache, keyPrefix, refresh: { cron: '0 0 0 1 1 *', aheadSeconds: 3, concurrency: 4 } })),
    );
    try {
      await connect(sandbox, a!);
      const bulk = await sandbox.client.createAccounts({ count: 40, type: 'official_account' });
      const component = a!.get(ComponentService);
      for (const account of bulk.accounts) {
        await component.queryAuth((await sandbox.client.authorize(account.appId, { push: false })).authorizationCode);
      }
      // Every 4 s token in its last half, then both instances' pass at the same moment.
      moveClock(2100);
      const [summaryA, summaryB] = await Promise.all([a!, b!].map((p) => p.get(ComponentService).refreshDueTokens()));
      const refreshed = summaryA!.authorizers.refreshed + summaryB!.authorizers.refreshed;
      expect(refreshed).toBe(40);
      // One token from api_query_auth, one from the refresh: nobody got a third.
      const counts = await sandbox.client.authorizerTokenCounts(2);
      expect(counts.over).toHaveLength(40);
      expect(counts.maxPerAccount).toBe(2);
    } finally {
      await Promise.all([a!, b!].map((p) => p.close()));
      await sandbox.stop();
      await Promise.all(connections.map((c) => c.close()));
    }
  });
});
