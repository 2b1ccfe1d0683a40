import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OnAuthorizerMessage, type TextMessage } from 'nestjs-wechat-component';
import type { PushRecord } from '../../apps/sandbox/src/push/push-log.js';
import { moveClock, moveClockToNextSecond, useMovableClock } from '../support/clock.js';
import { authorizationXml, postXml, signedEventPush, unauthorizedXml } from '../support/push.js';
import { PATHS, RaceWorld, tracked } from '../support/race-world.js';
import { waitUntil } from '../support/wait-for.js';

const seconds = (ms: number) => Math.floor(ms / 1000);
/** The default freshness window (`push.maxAgeSeconds`). */
const MAX_AGE_SECONDS = 300;

/**
 * Issue 9, defect 3: WeChat retries pushes, so an authorization event may arrive after a newer one. Events apply in
 * CreateTime order — an older one changes nothing — and a replayed push is not acted on again.
 */
describe('late and replayed authorization pushes (issue 9, defect 3)', () => {
  let world: RaceWorld;
  beforeAll(async () => {
    // CreateTime's seconds and the freshness window pass on a clock the tests move, instead of waiting for them.
    useMovableClock();
    world = await RaceWorld.start();
  });
  afterAll(async () => {
    await world.stop();
    vi.useRealTimers();
  });

  const credentials = () => world.sandbox;
  const account = async () => (await world.sandbox.client.createAccount({ type: 'official_account' })).appId;
  async function expectAuthorized(appId: string, refreshToken: string): Promise<void> {
    expect(await world.record(appId)).toMatchObject({ status: 'authorized', refreshToken });
    expect(refreshToken, 'the one WeChat accepts').toBe(world.wechatRefreshToken(appId));
    await expect(world.call(world.a, appId)).resolves.toEqual(expect.any(Array));
    await expect(world.component(world.b).refreshAuthorizerToken(appId)).resolves.toEqual({ expiresAt: expect.any(Number) });
    await expect(world.call(world.b, appId)).resolves.toEqual(expect.any(Array));
  }

  it.each(['authorized', 'updateauthorized'] as const)('a late unauthorized older than an %s push changes nothing', async (infoType) => {
    const appId = await account();
    if (infoType === 'updateauthorized') await world.sandbox.client.authorize(appId);
    const grant = await world.sandbox.client.authorize(appId);
    expect(grant.push).toMatchObject({ ok: true, type: infoType });
    const createdAt = Number(grant.push!.fields['CreateTime']);

    // An unauthorized created 30 s before that authorization reaches the other instance only now (a retry).
    const late = signedEventPush(credentials(), unauthorizedXml(world.sandbox.componentAppId, appId, createdAt - 30));
    expect(await postXml(world.b.eventsUrl, late.query, late.body)).toEqual({ status: 200, text: 'success' });

    await expectAuthorized(appId, grant.refreshToken);
    expect(await world.isScheduled(appId)).toBe(true);
  });

  it('a late authorized whose code was exchanged before a newer unauthorized does not bring the account back', async () => {
    const appId = await account();
    const { authorizationCode } = await world.sandbox.client.authorize(appId, { push: false });
    // WeChat redeems the code at once, but its answer trickles back: the exchange is recorded after the revocation.
    await world.sandbox.client.injectFault({ path: PATHS.queryAuth, trickleMs: 2500, times: 1 });
    const push = signedEventPush(
      credentials(),
      authorizationXml(world.sandbox.componentAppId, { authorizerAppId: appId, authorizationCode, createTime: seconds(Date.now()) - 5 }),
    );
    const delivery = tracked(postXml(world.a.eventsUrl, push.query, push.body));
    await waitUntil(() => world.sandbox.sandbox.authorizations.authorizationCodeStatus(authorizationCode) === 'used', 'the code redeemed');

    const revocation = await world.sandbox.client.revoke(appId);
    expect(revocation.push).toMatchObject({ ok: true });
    if (delivery.settled()) throw new Error('the exchange finished before the revocation: the scenario did not happen');
    // The late push was acted on (its exchange ran) — and changed nothing.
    expect(await delivery.outcome).toEqual({ status: 'fulfilled', value: { status: 200, text: 'success' } });

    const record = await world.record(appId);
    expect(record?.status).toBe('revoked');
    expect(record?.refreshToken).toBeUndefined();
    expect(await world.isScheduled(appId)).toBe(false);
    expect(await world.storedAccessToken(appId)).toBeUndefined();
  });

  it('an updateauthorized created in the same second as a redirect exchange is applied (CreateTime has whole seconds)', async () => {
    const appId = await account();
    const first = await world.sandbox.client.authorize(appId, { push: false });
    await world.component(world.a).queryAuth(first.authorizationCode); // the browser's redirect
    const exchangedAt = (await world.record(appId))!.lastEventAt;
    // The administrator changes the granted permissions at once; WeChat's push carries the second of the exchange.
    const second = await world.sandbox.client.authorize(appId, { push: false });
    const push = signedEventPush(
      credentials(),
      authorizationXml(world.sandbox.componentAppId, {
        infoType: 'updateauthorized',
        authorizerAppId: appId,
        authorizationCode: second.authorizationCode,
        createTime: seconds(exchangedAt),
      }),
    );
    expect(await postXml(world.b.eventsUrl, push.query, push.body)).toEqual({ status: 200, text: 'success' });
    await expectAuthorized(appId, second.refreshToken);
  });

  it('an exact replay of a handled unauthorized, within the freshness window, is not acted on again', async () => {
    const appId = await account();
    await world.sandbox.client.authorize(appId);
    moveClockToNextSecond(); // each event in its own second of CreateTime, so their order is plain
    await world.sandbox.client.revoke(appId, { push: false });
    const revocation = signedEventPush(credentials(), unauthorizedXml(world.sandbox.componentAppId, appId, seconds(Date.now())));
    expect(await postXml(world.a.eventsUrl, revocation.query, revocation.body)).toEqual({ status: 200, text: 'success' });
    expect(await world.record(appId)).toMatchObject({ status: 'revoked' });

    moveClockToNextSecond();
    const again = await world.sandbox.client.authorize(appId);
    expect(again.push).toMatchObject({ ok: true });
    // The very same bytes once more (a replay, or WeChat retrying long after): acknowledged, nothing changes.
    expect(await postXml(world.b.eventsUrl, revocation.query, revocation.body)).toEqual({ status: 200, text: 'success' });
    await expectAuthorized(appId, again.refreshToken);
  });

  it('refuses with 4xx a push signed longer ago than the freshness window (never seen before), and changes nothing', async () => {
    const appId = await account();
    const grant = await world.sandbox.client.authorize(appId);
    const hourAgo = seconds(Date.now()) - 3600;
    const stale = signedEventPush(credentials(), unauthorizedXml(world.sandbox.componentAppId, appId, hourAgo), undefined, hourAgo);
    const answer = await postXml(world.a.eventsUrl, stale.query, stale.body);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    await expectAuthorized(appId, grant.refreshToken);
  });

  it('refuses with 4xx a handled push replayed once it is older than the freshness window', async () => {
    const appId = await account();
    // Everything below happens at the far edge of the window (default 300 s): signed and created 297 … 295 s ago.
    const edge = seconds(Date.now()) - MAX_AGE_SECONDS + 3;
    const pushAt = (xml: string, at: number) => signedEventPush(credentials(), xml, undefined, at);
    const first = await world.sandbox.client.authorize(appId, { push: false });
    const authorized = pushAt(authorizationXml(world.sandbox.componentAppId, { authorizerAppId: appId, authorizationCode: first.authorizationCode, createTime: edge }), edge);
    expect(await postXml(world.a.eventsUrl, authorized.query, authorized.body)).toEqual({ status: 200, text: 'success' });
    await world.sandbox.client.revoke(appId, { push: false });
    const revocation = pushAt(unauthorizedXml(world.sandbox.componentAppId, appId, edge + 1), edge + 1);
    expect(await postXml(world.a.eventsUrl, revocation.query, revocation.body)).toEqual({ status: 200, text: 'success' });
    const second = await world.sandbox.client.authorize(appId, { push: false });
    const again = pushAt(authorizationXml(world.sandbox.componentAppId, { authorizerAppId: appId, authorizationCode: second.authorizationCode, createTime: edge + 2 }), edge + 2);
    expect(await postXml(world.b.eventsUrl, again.query, again.body)).toEqual({ status: 200, text: 'success' });

    // The revocation leaves the window; replayed now, it is refused before anything else looks at it.
    moveClock((edge + 1 + MAX_AGE_SECONDS + 1) * 1000 - Date.now());
    const replay = await postXml(world.b.eventsUrl, revocation.query, revocation.body);
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(replay.status).toBeLessThan(500);
    await expectAuthorized(appId, second.refreshToken);
  });
});

/** Runs `@OnAuthorizerMessage` for text: slow (1.5 s), then replies or fails as the text says. */
@Injectable()
class SlowHandler {
  readonly runs: Array<{ content: string; finishedAt?: number }> = [];

  @OnAuthorizerMessage({ type: 'text' })
  async handle(message: TextMessage): Promise<string> {
    const run: { content: string; finishedAt?: number } = { content: message.content };
    this.runs.push(run);
    await sleep(1500); // outlives the sandbox's 1 s attempt timeout: WeChat retries while the handler works
    run.finishedAt = Date.now();
    if (message.content.startsWith('fail')) throw new Error('the handler failed');
    return `handled: ${message.content}`;
  }
}

/**
 * Issue 9, defect 5: a push retried while its first delivery is still being acted on must not be answered `success`
 * before the first attempt has finished — it waits for it, or gets a 5xx so WeChat tries again — and a first attempt
 * that failed leaves nothing behind, so the next retry acts. The sandbox delivers like WeChat (a timeout per attempt,
 * then the next attempt), here with a 1 s timeout so retries come while the first delivery is still working.
 */
describe('pushes retried while the first delivery is still working (issue 9, defect 5)', () => {
  let world: RaceWorld;
  beforeAll(async () => {
    world = await RaceWorld.start({ sandbox: { pushTimeoutMs: 1000, pushAttempts: 4 }, platform: { providers: [SlowHandler] } });
  });
  afterAll(() => world.stop());
  afterEach(() => world.sandbox.client.clearFaults());

  /** When an attempt's answer arrived (the sandbox records start and duration). */
  const answeredAt = (attempt: PushRecord['attempts'][number]) => attempt.at + attempt.durationMs;

  it('an authorized push: no attempt is answered success before the slow, failing first one is over; the next retry acts', async () => {
    const appId = (await world.sandbox.client.createAccount({ type: 'official_account' })).appId;
    // The first exchange takes 2.5 s (WeChat's timeout is 1 s here), then fails.
    const fault = await world.sandbox.client.injectFault({ path: PATHS.queryAuth, latencyMs: 2500, httpStatus: 502, times: 1 });
    const grant = await world.sandbox.client.authorize(appId);
    const push = grant.push!;
    expect(push.attempts.length, 'WeChat retried while the first delivery was working').toBeGreaterThan(1);

    // WeChat stops at the first `success`: by then the authorization must be stored.
    expect(push).toMatchObject({ ok: true });
    expect(await world.record(appId)).toMatchObject({ status: 'authorized', refreshToken: grant.refreshToken });
    const failedExchange = (await world.sandbox.client.calls({ path: PATHS.queryAuth, limit: 1000 })).find((call) => call.faultId === fault.id);
    expect(failedExchange, 'the first exchange was answered').toBeDefined();
    const success = push.attempts.find((attempt) => attempt.status === 200)!;
    expect(answeredAt(success), 'success came after the first attempt had failed').toBeGreaterThanOrEqual(failedExchange!.at + failedExchange!.durationMs);
    await expect(world.call(world.b, appId)).resolves.toEqual(expect.any(Array));
  });

  it('an authorized push whose first delivery failed at once: the retry acts (no marker left behind)', async () => {
    const appId = (await world.sandbox.client.createAccount({ type: 'official_account' })).appId;
    const { authorizationCode, refreshToken } = await world.sandbox.client.authorize(appId, { push: false });
    await world.sandbox.client.injectFault({ path: PATHS.queryAuth, errcode: -1, times: 1 });
    const push = signedEventPush(
      world.sandbox,
      authorizationXml(world.sandbox.componentAppId, { authorizerAppId: appId, authorizationCode, createTime: seconds(Date.now()) }),
    );
    expect((await postXml(world.a.eventsUrl, push.query, push.body)).status).toBeGreaterThanOrEqual(500);
    expect(await world.record(appId)).toBeUndefined();
    expect(await postXml(world.b.eventsUrl, push.query, push.body)).toEqual({ status: 200, text: 'success' });
    expect(await world.record(appId)).toMatchObject({ status: 'authorized', refreshToken });
  });

  it.each([
    ['replies', 'reply'],
    ['fails', 'success'],
  ] as const)('a message whose slow handler %s: retries get the first answer, never one given before it, and it runs once', async (_, kind) => {
    const appId = (await world.sandbox.client.createAccount({ type: 'official_account' })).appId;
    await world.sandbox.client.authorize(appId);
    const handler = world.a.get(SlowHandler);
    const content = `${kind === 'reply' ? 'reply' : 'fail'} ${appId}`;
    const delivery = await world.sandbox.client.sendMessage(appId, { type: 'text', content });

    const runs = handler.runs.filter((run) => run.content === content);
    expect(runs).toHaveLength(1);
    expect(delivery.push.attempts.length, 'WeChat retried while the handler was working').toBeGreaterThan(1);
    expect(delivery.push).toMatchObject({ ok: true });
    const answered = delivery.push.attempts.filter((attempt) => attempt.status === 200);
    for (const attempt of answered) expect(answeredAt(attempt)).toBeGreaterThanOrEqual(runs[0]!.finishedAt!);
    if (kind === 'reply') expect(delivery.reply).toMatchObject({ kind: 'reply', fields: { Content: `handled: ${content}` } });
    else expect(['success', 'empty']).toContain(delivery.reply.kind);
  });
});
