import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../apps/sandbox/src/index.js';
import { startChildPlatform, type ChildPlatform } from '../support/child-platform.js';
import { median, recordFigure } from '../support/fault-figures.js';
import { signedMessagePush, textXml } from '../support/message-push.js';
import { startTestSandbox } from '../support/platform.js';
import { signedEventPush, ticketXml } from '../support/push.js';
import { startRedisServer, type TestRedisServer } from '../support/redis-server.js';
import { postAsWeChat, timed, type TimedAnswer } from '../support/timed-post.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 9, defect 1: a Redis restart, failover or dropped connection must never end the process, and while Redis is
 * away (or hangs) every store call fails fast: pushes are answered 5xx well within WeChat's 5 s (so WeChat retries),
 * API calls fail with StoreUnavailableError — and everything works again once Redis is back, without a restart.
 *
 * The platform runs in a child process on a Redis of the test's own (with an append-only file, so a restart keeps
 * the data); the test kills, restarts and pauses that Redis.
 */

const STORE_TIMEOUT_MS = 500;

interface Setup {
  readonly redis: TestRedisServer;
  readonly sandbox: RunningSandbox;
  readonly platform: ChildPlatform;
  readonly appId: string;
  readonly userName: string;
}

describe('Redis outage: the platform process survives, answers fast and recovers by itself', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  async function setUp(): Promise<Setup> {
    const redis = await startRedisServer({ persist: true });
    cleanups.push(() => redis.stop());
    const sandbox = await startTestSandbox();
    cleanups.push(() => sandbox.stop());
    const platform = await startChildPlatform(sandbox, {
      redisUrl: redis.url,
      keyPrefix: `fault-outage-${randomUUID()}`,
      options: { storeTimeoutMs: STORE_TIMEOUT_MS, reconcile: false },
    });
    cleanups.push(() => platform.close());
    sandbox.setPushTargets({ eventUrl: platform.eventsUrl, messageUrl: platform.messagesUrl('$APPID$') });
    await sandbox.client.pushTicket();
    await waitFor(async () => ((await platform.health()).value?.ticket ? true : undefined), 'the first ticket');
    // Authorized as WeChat does it: the `authorized` push, acted on with api_query_auth.
    const { accounts } = await sandbox.client.createAccounts({ count: 1, type: 'official_account' });
    const { appId, userName } = accounts[0]!;
    await sandbox.client.authorize(appId);
    await waitFor(async () => ((await platform.token(appId)).status === 200 ? true : undefined), 'the authorized account');
    return { redis, sandbox, platform, appId, userName };
  }

  /** One push to each URL, each answered (or not) as WeChat would see it. */
  async function pushBoth({ sandbox, platform, appId, userName }: Setup): Promise<{ event: TimedAnswer; message: TimedAnswer }> {
    const event = signedEventPush(sandbox, ticketXml(sandbox.componentAppId, `ticket-${randomUUID()}`));
    const message = signedMessagePush(sandbox, textXml(userName, `openid-${randomUUID()}`, 'hello'));
    return {
      event: await postAsWeChat(platform.eventsUrl, event.query, event.body),
      message: await postAsWeChat(platform.messagesUrl(appId), message.query, message.body),
    };
  }

  it('Redis killed: no crash, pushes get 5xx at once, calls fail with StoreUnavailableError; Redis back: all works, no restart', async () => {
    const setup = await setUp();
    const { redis, sandbox, platform, appId } = setup;
    const tokenBefore = (await platform.token(appId)).value!.token;

    await redis.kill('SIGKILL'); // a crash: connections drop, reconnection attempts are refused
    const answers: TimedAnswer[] = [];
    const calls: Array<{ status: number; name: string | undefined; ms: number }> = [];
    // Over about two seconds node-redis keeps reconnecting, each failed attempt an `error` event on its client.
    for (let round = 0; round < 8; round++) {
      const { event, message } = await pushBoth(setup);
      answers.push(event, message);
      const { result: call, ms } = await timed(() => platform.token(appId));
      calls.push({ status: call.status, name: call.error?.name, ms });
      await sleep(150); // rounds spread over the outage while node-redis retries: the time in which nothing may crash
    }

    const answerTimes = answers.map((answer) => answer.ms);
    await recordFigure('redis-outage.push-answer-median', median(answerTimes), 'ms');
    await recordFigure('redis-outage.push-answer-max', Math.max(...answerTimes), 'ms');
    await recordFigure('redis-outage.api-call-answer-max', Math.max(...calls.map((call) => call.ms)), 'ms');
    await recordFigure('redis-outage.process-exits', platform.alive ? 0 : 1, 'count');
    expect(platform.alive, platform.output()).toBe(true);
    expect(answers.filter((answer) => !answer.answered), 'pushes WeChat would have given up on').toEqual([]);
    expect(answers.map((answer) => answer.status >= 500 && answer.status < 600)).toEqual(answers.map(() => true));
    expect(calls.map((call) => [call.status, call.name])).toEqual(calls.map(() => [503, 'StoreUnavailableError']));
    // getHealth() reports the outage within its deadline instead of throwing.
    const health = await platform.health();
    expect(health.value).toMatchObject({ storeReachable: false, store: 'redis' });

    await redis.restart(); // with its append-only file: the data is back
    const backAt = performance.now();
    await waitFor(async () => ((await platform.token(appId)).status === 200 ? true : undefined), 'a token read after Redis returned', 15_000);
    await recordFigure('redis-outage.recovery-after-redis-back', performance.now() - backAt, 'ms');
    // A push handled again: the sandbox's own ticket push is answered `success` and the ticket is stored.
    const pushed = await sandbox.client.pushTicket();
    expect(pushed.push).toMatchObject({ ok: true, status: 200 });
    expect((await platform.token(appId)).value?.token).toBe(tokenBefore);
    expect((await platform.call(appId)).status).toBe(200);
    const after = await pushBoth(setup);
    expect([after.event.status, after.event.text, after.message.status]).toEqual([200, 'success', 200]);
    expect(platform.alive).toBe(true);
  });

  it('Redis hung (CLIENT PAUSE): store calls fail after storeTimeoutMs instead of waiting, pushes get 5xx', async () => {
    const setup = await setUp();
    const { redis, platform, appId } = setup;

    // Redis holds every command for 5 s: connections stay up, nothing is answered. Waiting would mean answering
    // after the pause, with success; failing fast means a StoreUnavailableError ("no answer within …") before it.
    await redis.command('CLIENT', 'PAUSE', '5000', 'ALL');
    const push = signedEventPush(setup.sandbox, ticketXml(setup.sandbox.componentAppId, `ticket-${randomUUID()}`));
    const [{ result: call, ms: callMs }, event] = await Promise.all([
      timed(() => platform.token(appId)),
      postAsWeChat(platform.eventsUrl, push.query, push.body),
    ]);
    await recordFigure('redis-hung.api-call-answer', callMs, 'ms');
    await recordFigure('redis-hung.push-answer', event.ms, 'ms');

    expect(call.status).toBe(503);
    expect(call.error).toMatchObject({ name: 'StoreUnavailableError', message: expect.stringContaining(`no answer within ${STORE_TIMEOUT_MS} ms`) });
    expect(event.answered).toBe(true);
    expect(event.status).toBeGreaterThanOrEqual(500);

    // Once the pause is over everything works again.
    await waitFor(async () => ((await platform.token(appId)).status === 200 ? true : undefined), 'a token read after the pause', 10_000);
    expect(platform.alive).toBe(true);
  });
});
