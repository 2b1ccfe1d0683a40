import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isVerifyTicketEvent, WeChatApiError } from 'nestjs-wechat-component';
import { moveClock, useMovableClock } from '../support/clock.js';
import { recordFigure } from '../support/fault-figures.js';
import type { TestPlatform } from '../support/platform.js';
import { PATHS, RaceWorld } from '../support/race-world.js';
import { authorizeAccounts } from '../support/scale.js';

/** The backoff after failed token fetches: 1 s doubling (to 60 s), each pause jittered to between half and all of it. */
const FIRST_PAUSE_MS = 1000;

/**
 * The most token calls one instance can make in `elapsedMs` while every one fails: one, then one after each pause,
 * the pauses being at least half of 1 s, 2 s, 4 s … — so calls k+1 needs 0.5 × (2^k − 1) s to have passed.
 */
function mostCallsPerInstance(elapsedMs: number): number {
  return 1 + Math.floor(Math.log2((2 * elapsedMs) / FIRST_PAUSE_MS + 1));
}

/** `total` requests in waves of `wave` (half on each instance), a wave every `everyMs`; their outcomes. */
async function flood(instances: readonly TestPlatform[], total: number, wave: number, everyMs: number, request: (platform: TestPlatform) => Promise<unknown>) {
  const started = performance.now();
  const outcomes: Array<PromiseSettledResult<unknown>> = [];
  for (let sent = 0; sent < total; sent += wave) {
    const batch = Array.from({ length: Math.min(wave, total - sent) }, (_, i) => request(instances[i % instances.length]!));
    outcomes.push(...(await Promise.allSettled(batch)));
    await sleep(everyMs); // the pace of the load, not a wait for anything: the figures are calls per real minute
  }
  return { outcomes, elapsedMs: performance.now() - started };
}

/**
 * Issue 9, defect 7: against a failing WeChat, every request used to make its own token call (588 requests → 588
 * api_authorizer_token calls, 1,175 a minute). Failed token fetches now back off — concurrent and following callers
 * fail at once for a pause that doubles with each failure — so the calls a minute stay few and bounded. A refused
 * ticket (61005/61006) asks WeChat for a new one, once a minute across instances. Transient failures of idempotent
 * calls are retried a bounded number of times; a quota error (45009) is not.
 */
describe('calls to a failing WeChat back off (issue 9, defect 7)', () => {
  let world: RaceWorld;
  afterEach(async () => {
    await world?.stop();
    vi.useRealTimers();
  });

  describe.each([
    ['errcode -1', { errcode: -1 }],
    ['HTTP 503', { httpStatus: 503 }],
  ] as const)('authorizer tokens, WeChat answering %s', (label, failure) => {
    beforeEach(async () => {
      world = await RaceWorld.start();
    });

    it('588 requests from two instances make a few api_authorizer_token calls, bounded by the backoff', async () => {
      const [appId] = await authorizeAccounts(world.sandbox, world.a, 1);
      await world.sandbox.client.expireAuthorizerToken(appId!);
      await world.sandbox.client.injectFault({ path: PATHS.authorizerToken, appId, ...failure });
      const since = Date.now();

      const { outcomes, elapsedMs } = await flood([world.a, world.b], 588, 24, 100, (platform) => world.call(platform, appId!));
      const calls = (await world.sandbox.client.calls({ path: PATHS.authorizerToken, since, limit: 2000 })).length;

      await recordFigure(`backoff: api_authorizer_token calls for 588 requests (${label})`, calls, `calls in ${Math.round(elapsedMs)} ms`);
      await recordFigure(`backoff: api_authorizer_token calls per minute over the flood (${label})`, Math.round((calls / elapsedMs) * 60_000), 'calls/min');
      await recordFigure('backoff: token calls in the first minute of failures, at most (two instances)', 2 * mostCallsPerInstance(60_000), 'calls');
      expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
      expect(calls).toBeGreaterThanOrEqual(2); // each instance tried
      expect(calls).toBeLessThanOrEqual(2 * mostCallsPerInstance(elapsedMs));

      // WeChat recovers: the next explicit refresh is not held back, and calls work again.
      await world.sandbox.client.clearFaults();
      await world.component(world.a).refreshAuthorizerToken(appId!);
      await expect(world.call(world.b, appId!)).resolves.toEqual(expect.any(Array));
    });

    it('199 requests from two instances make a few api_component_token calls, bounded by the backoff', async () => {
      await world.sandbox.client.injectFault({ path: PATHS.componentToken, ...failure });
      const since = Date.now();

      const { outcomes, elapsedMs } = await flood([world.a, world.b], 199, 10, 100, (platform) => world.component(platform).createPreAuthCode());
      const calls = (await world.sandbox.client.calls({ path: PATHS.componentToken, since, limit: 2000 })).length;

      await recordFigure(`backoff: api_component_token calls for 199 requests (${label})`, calls, `calls in ${Math.round(elapsedMs)} ms`);
      await recordFigure(`backoff: api_component_token calls per minute over the flood (${label})`, Math.round((calls / elapsedMs) * 60_000), 'calls/min');
      expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(calls).toBeLessThanOrEqual(2 * mostCallsPerInstance(elapsedMs));

      await world.sandbox.client.clearFaults();
      await world.component(world.b).refreshAccessToken();
      await expect(world.component(world.a).createPreAuthCode()).resolves.toMatchObject({ pre_auth_code: expect.any(String) });
    });
  });

  it.each([61005, 61006])('a refused ticket (%i) asks WeChat for a ticket push, once a minute across instances', async (errcode) => {
    useMovableClock(); // the backoff lapses on a clock the test moves
    world = await RaceWorld.start();
    const ticketsBefore = world.a.recorder.events.filter(isVerifyTicketEvent).length;
    await world.sandbox.client.injectFault({ path: PATHS.componentToken, errcode });
    const since = Date.now();

    await flood([world.a, world.b], 40, 10, 50, (platform) => world.component(platform).createPreAuthCode());
    // WeChat pushes the ticket it was asked for.
    await world.a.recorder.waitFor(() => world.a.recorder.events.filter(isVerifyTicketEvent).length > ticketsBefore);
    // Past the first backoff pause, both instances fail again: no second request within the minute.
    moveClock(1100);
    const retried = Date.now();
    await flood([world.a, world.b], 40, 10, 50, (platform) => world.component(platform).createPreAuthCode());
    expect((await world.sandbox.client.calls({ path: PATHS.componentToken, since: retried, limit: 100 })).length).toBeGreaterThan(0);
    expect(await world.sandbox.client.calls({ path: PATHS.startPushTicket, since, limit: 100 })).toHaveLength(1);

    await world.sandbox.client.clearFaults();
    await world.component(world.a).refreshAccessToken();
    await expect(world.component(world.b).createPreAuthCode()).resolves.toMatchObject({ pre_auth_code: expect.any(String) });
  });

  it('retries errcode -1 on an idempotent call a bounded number of times, and never 45009', async () => {
    world = await RaceWorld.start();
    const [appId] = await authorizeAccounts(world.sandbox, world.a, 1);
    const path = '/cgi-bin/getcallbackip';
    const attempts = async (since: number) => (await world.sandbox.client.calls({ path, since, limit: 100 })).length;

    // Two system-busy answers, then WeChat answers: the call succeeds on its third attempt.
    let since = Date.now();
    await world.sandbox.client.injectFault({ path, appId, errcode: -1, times: 2 });
    await expect(world.call(world.a, appId!)).resolves.toEqual(expect.any(Array));
    expect(await attempts(since)).toBe(3);

    // Busy for good: 1 + http.retries (2) attempts, then the error.
    since = Date.now();
    const busy = await world.sandbox.client.injectFault({ path, appId, errcode: -1 });
    await expect(world.call(world.a, appId!)).rejects.toMatchObject({ errcode: -1 });
    expect(await attempts(since)).toBe(3);
    await world.sandbox.client.removeFault(busy.id);

    // Quota used up: one attempt.
    since = Date.now();
    await world.sandbox.client.injectFault({ path, appId, errcode: 45009, times: 1 });
    const quota = await world.call(world.a, appId!).catch((error: unknown) => error);
    expect(quota).toBeInstanceOf(WeChatApiError);
    expect(quota).toMatchObject({ errcode: 45009 });
    expect(await attempts(since)).toBe(1);
  });
});
