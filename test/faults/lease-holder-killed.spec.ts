import { randomUUID } from 'node:crypto';
import { caching, type Cache } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthorizerClientFactory, ComponentService, type WeChatComponentModuleOptions } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../../apps/sandbox/src/index.js';
import { startChildPlatform, type ChildPlatform } from '../support/child-platform.js';
import { recordFigure } from '../support/fault-figures.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from '../support/platform.js';
import { signedEventPush } from '../support/push.js';
import { startRedisServer, type TestRedisServer } from '../support/redis-server.js';
import { AUTHORIZER_TOKEN, authorizeAccounts } from '../support/scale.js';
import { postAsWeChat, type TimedAnswer } from '../support/timed-post.js';
import { waitFor } from '../support/wait-for.js';

/**
 * A platform instance SIGKILLed while it holds a lease — the token refresh's lease, or the claim on a push it is
 * acting on. Instance A runs in a child process (so it can be killed), instance B in the test, both on a Redis of
 * the test's own. What A held must lapse; B must then do the work, without losing the refresh token, refreshing
 * twice, or answering WeChat `success` for a push nobody acted on.
 */

const QUERY_AUTH = '/cgi-bin/component/api_query_auth';
// Short call deadlines keep the leases short (token lease = 3 × timeoutMs + call budget + 2 s = 6 s here), so the
// test waits seconds, not the default half minute, for a dead holder's lease to lapse.
const OPTIONS = { http: { timeoutMs: 1000, retries: 0 }, reconcile: false, refresh: false } satisfies Partial<WeChatComponentModuleOptions>;

interface Setup {
  readonly sandbox: RunningSandbox;
  readonly a: ChildPlatform;
  readonly b: TestPlatform;
}

describe('a lease holder SIGKILLed mid-work', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  async function setUp(sandboxOptions: { rotateRefreshTokens?: boolean } = {}): Promise<Setup> {
    const redis: TestRedisServer = await startRedisServer();
    cleanups.push(() => redis.stop());
    const sandbox = await startTestSandbox(sandboxOptions);
    cleanups.push(() => sandbox.stop());
    const keyPrefix = `fault-lease-${randomUUID()}`;
    const a = await startChildPlatform(sandbox, { redisUrl: redis.url, keyPrefix, options: OPTIONS });
    cleanups.push(() => a.close());
    const cache: Cache = await caching(redisStore, { url: redis.url });
    cleanups.push(() => (cache.store as unknown as { client: { quit(): Promise<unknown> } }).client.quit());
    const b = await startPlatform(sandbox, { store: cache, keyPrefix, ...OPTIONS });
    cleanups.push(() => b.close());
    await connect(sandbox, b); // the ticket, in the shared store
    return { sandbox, a, b };
  }

  /** Waits until the sandbox has received the call the fault `id` holds (a fault used up disappears). */
  async function waitUntilHeld(sandbox: RunningSandbox, id: number): Promise<void> {
    await waitFor(async () => ((await sandbox.client.listFaults()).some((fault) => fault.id === id) ? undefined : true), 'the held call', 10_000);
  }

  it('token refresh: WeChat rotated the refresh token but the holder died with the answer — B takes over once the lease lapses, nothing lost', async () => {
    const { sandbox, a, b } = await setUp({ rotateRefreshTokens: true });
    const [appId] = (await authorizeAccounts(sandbox, b, 1)) as [string];
    const component = b.get(ComponentService);
    const tokenBefore = await b.get(AuthorizerClientFactory).getClient(appId).then((client) => client.getAccessToken());

    // A's refresh reaches WeChat, which rotates the refresh token at once; the answer trickles back, and A is
    // killed while it still holds the lease and has not got the answer.
    const fault = await sandbox.client.injectFault({ path: AUTHORIZER_TOKEN, appId, trickleMs: 5000, times: 1 });
    const dying = a.refresh(appId).catch(() => undefined);
    await waitUntilHeld(sandbox, fault.id);
    await a.kill('SIGKILL');
    await dying;
    const killedAt = Date.now();
    const started = performance.now();

    // B refreshes: it waits for A's lease to lapse, then finds the stored refresh token refused (WeChat rotated it)
    // and recovers the one WeChat holds for this account.
    const refreshed = await component.refreshAuthorizerToken(appId);
    const takeoverMs = performance.now() - started;
    expect(refreshed.expiresAt).toBeGreaterThan(Date.now());
    const client = await b.get(AuthorizerClientFactory).getClient(appId);
    const tokenAfter = await client.getAccessToken();
    expect(tokenAfter).not.toBe(tokenBefore);
    await expect(client.misc.getWechatIps()).resolves.toEqual(expect.any(Array));

    // The record is intact: authorized, holding the refresh token WeChat holds, which keeps working; one rotation
    // after the kill won and nobody refreshed twice.
    const account = await sandbox.client.getAccount(appId);
    const record = await component.getAuthorizer(appId);
    const successes = (await sandbox.client.calls({ path: AUTHORIZER_TOKEN, appId, since: killedAt })).filter(
      (call) => call.status === 200 && (call.errcode ?? 0) === 0 && call.interrupted === undefined,
    );
    await recordFigure('lease-holder-killed.token-takeover-after-kill', takeoverMs, 'ms');
    await recordFigure('lease-holder-killed.refresh-tokens-lost', record?.refreshToken === account.refreshToken ? 0 : 1, 'count');
    await recordFigure('lease-holder-killed.double-refreshes', successes.length - 1, 'count');
    expect(record).toMatchObject({ status: 'authorized', refreshToken: account.refreshToken });
    expect(successes).toHaveLength(1);
    await component.refreshAuthorizerToken(appId);
    const rotatedAgain = await sandbox.client.getAccount(appId);
    expect(rotatedAgain.refreshToken).not.toBe(account.refreshToken);
    expect((await component.getAuthorizer(appId))?.refreshToken).toBe(rotatedAgain.refreshToken);
  });

  it('push: the instance acting on an `authorized` push dies — WeChat’s retries get 5xx until its claim lapses, then one acts', async () => {
    const { sandbox, a, b } = await setUp();
    const { accounts } = await sandbox.client.createAccounts({ count: 1, type: 'official_account' });
    const appId = accounts[0]!.appId;
    const grant = await sandbox.client.authorize(appId, { push: false });
    const push = signedEventPush(sandbox, authorizedXml(sandbox.componentAppId, appId, grant));

    // A acts on the push: its api_query_auth is held, and WeChat never gets it (the connection is reset later).
    const fault = await sandbox.client.injectFault({ path: QUERY_AUTH, latencyMs: 5000, reset: 'before', times: 1 });
    const dying = postAsWeChat(a.eventsUrl, push.query, push.body);
    await waitUntilHeld(sandbox, fault.id);
    await a.kill('SIGKILL');
    expect((await dying).answered, 'A answered before it was killed: it gave up on its held call first').toBe(false);
    const started = performance.now();

    // WeChat retries the same push; here every retry goes to B.
    const retries: TimedAnswer[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const answer = await postAsWeChat(b.eventsUrl, push.query, push.body);
      retries.push(answer);
      if (answer.status === 200) break;
    }
    const actedMs = performance.now() - started;

    const last = retries.at(-1)!;
    const record = await b.get(ComponentService).getAuthorizer(appId);
    const answeredSuccess = last.status === 200 && last.text === 'success';
    await recordFigure('push-holder-killed.acted-after-kill', actedMs, 'ms');
    await recordFigure('push-holder-killed.retries-answered-5xx', retries.filter((answer) => answer.status >= 500).length, 'count');
    await recordFigure('push-holder-killed.success-without-authorization', answeredSuccess && record?.status !== 'authorized' ? 1 : 0, 'count');

    expect([last.status, last.text]).toEqual([200, 'success']);
    // Before that, never `success` for a push nobody had acted on: 5xx, so WeChat kept trying.
    expect(retries.slice(0, -1).every((answer) => answer.answered && answer.status >= 500)).toBe(true);
    expect(record).toMatchObject({ status: 'authorized', refreshToken: grant.refreshToken });
    const client = await b.get(AuthorizerClientFactory).getClient(appId);
    await expect(client.misc.getWechatIps()).resolves.toEqual(expect.any(Array));
  });
});

/** The `authorized` push WeChat sends for `grant` (reference §2.3). */
function authorizedXml(componentAppId: string, appId: string, grant: { authorizationCode: string; authorizationCodeExpiresAt: number; preAuthCode: string }): string {
  return (
    `<xml><AppId><![CDATA[${componentAppId}]]></AppId><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>` +
    `<InfoType><![CDATA[authorized]]></InfoType><AuthorizerAppid><![CDATA[${appId}]]></AuthorizerAppid>` +
    `<AuthorizationCode><![CDATA[${grant.authorizationCode}]]></AuthorizationCode>` +
    `<AuthorizationCodeExpiredTime>${Math.floor(grant.authorizationCodeExpiresAt / 1000)}</AuthorizationCodeExpiredTime>` +
    `<PreAuthCode><![CDATA[${grant.preAuthCode}]]></PreAuthCode></xml>`
  );
}
