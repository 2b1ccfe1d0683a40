import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizerClientFactory,
  ComponentService,
  WeChatApiError,
  WeChatFile,
  WeChatHttpError,
  type AuthorizerClient,
} from 'nestjs-wechat-component';
import type { CallRecord, RunningSandbox } from '../apps/sandbox/src/index.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { waitFor } from './support/wait-for.js';

const INFO = '/cgi-bin/component/api_get_authorizer_info';
const LIST = '/cgi-bin/component/api_get_authorizer_list';
const SET_OPTION = '/cgi-bin/component/api_set_authorizer_option';
const GET_OPTION = '/cgi-bin/component/api_get_authorizer_option';
const PRE_AUTH = '/cgi-bin/component/api_create_preauthcode';

// The HTTP path to WeChat under the faults operators meet: a total deadline per attempt (a trickled answer is cut
// there, not merely when the line goes idle), retries of transient failures on idempotent calls only, bounded.
describe('calls to WeChat under HTTP faults: deadline per attempt, bounded retries of idempotent calls', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  let component: ComponentService;
  let appId: string;
  let client: AuthorizerClient;
  const retries = 2;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    // A short deadline keeps trickled answers quick to cut; the backoff is short so the tests are too.
    platform = await startPlatform(sandbox, { http: { timeoutMs: 400, retries, retryBaseDelayMs: 20 } });
    component = platform.get(ComponentService);
    await connect(sandbox, platform);
    ({ appId } = await sandbox.client.createAccount({ type: 'official_account', menu: true }));
    await component.queryAuth((await sandbox.client.authorize(appId, { push: false })).authorizationCode);
    client = await platform.get(AuthorizerClientFactory).getClient(appId);
  });
  afterEach(() => sandbox.client.clearFaults());
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  /** The calls of `path` since `after`, once `count` are recorded (a cut-off call is recorded when its connection closes). */
  async function callsOf(path: string, after: number, count: number): Promise<CallRecord[]> {
    const calls = await waitFor(async () => {
      const recorded = await sandbox.client.calls({ path, after });
      return recorded.length >= count ? recorded : undefined;
    }, `${count} calls of ${path}`);
    return calls;
  }

  async function lastId(): Promise<number> {
    return (await sandbox.client.summary()).lastId;
  }

  async function failureOf(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error,
    );
  }

  it('cuts a trickled answer at the deadline: a typed, transient error naming no URL or token', async () => {
    const since = await lastId();
    // 3 s of trickle, a chunk every ~50 ms: an idle timeout of 400 ms never fires; the total deadline does.
    const fault = await sandbox.client.injectFault({ path: SET_OPTION, trickleMs: 3000, appId });
    const error = await failureOf(component.setAuthorizerOption(appId, 'voice_recognize', '1'));
    expect(error).toBeInstanceOf(WeChatHttpError);
    expect(error).toMatchObject({ path: SET_OPTION, reason: 'deadline', transient: true, code: 'WECHAT_HTTP_ERROR' });
    expect((error as WeChatHttpError).status).toBeUndefined();
    expect((error as Error).message).not.toMatch(/access_token|\?|http:\/\//);
    const [call, ...more] = await callsOf(SET_OPTION, since, 1);
    expect(call).toMatchObject({ faultId: fault.id, interrupted: true });
    expect(more).toEqual([]);
  });

  it('retries an idempotent call cut at its deadline; the next attempt answers', async () => {
    const since = await lastId();
    const fault = await sandbox.client.injectFault({ path: INFO, trickleMs: 3000, appId, times: 1 });
    const info = await component.getAuthorizerInfo(appId);
    expect(info.authorization_info.authorizer_appid).toBe(appId);
    const calls = await callsOf(INFO, since, 2);
    expect(calls.map((c) => [c.faultId, c.interrupted, c.status])).toEqual([
      [fault.id, true, 200],
      [undefined, undefined, 200],
    ]);
  });

  it('gives up on an idempotent call after retries + 1 attempts cut at the deadline', async () => {
    const since = await lastId();
    await sandbox.client.injectFault({ path: LIST, trickleMs: 3000 });
    await expect(component.getAuthorizerList(0, 10)).rejects.toMatchObject({ reason: 'deadline', transient: true });
    const calls = await callsOf(LIST, since, retries + 1);
    expect(calls.map((c) => c.interrupted)).toEqual([true, true, true]);
  });

  it('retries HTTP 502 (an HTML page) and 503 (empty) on idempotent calls: a POST that reads and a GET', async () => {
    let since = await lastId();
    await sandbox.client.injectFault({ path: INFO, httpStatus: 502, appId, times: 1 });
    expect((await component.getAuthorizerInfo(appId)).authorizer_info.user_name).toMatch(/^gh_/);
    expect((await callsOf(INFO, since, 2)).map((c) => c.status)).toEqual([502, 200]);

    since = await lastId();
    await sandbox.client.injectFault({ path: '/cgi-bin/menu/get', httpStatus: 503, httpBody: 'empty', appId, times: retries });
    expect(await client.menu.get()).toHaveProperty('menu');
    expect((await callsOf('/cgi-bin/menu/get', since, 3)).map((c) => c.status)).toEqual([503, 503, 200]);
  });

  it('retries a connection reset, before the answer or midway through it, on idempotent calls', async () => {
    let since = await lastId();
    await sandbox.client.injectFault({ path: '/cgi-bin/menu/get', reset: 'before', appId, times: 1 });
    expect(await client.menu.get()).toHaveProperty('menu');
    expect((await callsOf('/cgi-bin/menu/get', since, 2)).map((c) => [c.status, c.interrupted])).toEqual([
      [0, true],
      [200, undefined],
    ]);

    since = await lastId();
    await sandbox.client.injectFault({ path: GET_OPTION, reset: 'midway', appId, times: 1 });
    await expect(component.getAuthorizerOption(appId, 'customer_service')).resolves.toMatchObject({ option_name: 'customer_service' });
    expect((await callsOf(GET_OPTION, since, 2)).map((c) => c.interrupted)).toEqual([true, undefined]);
  });

  it('never retries a call that is not idempotent: 502, a reset after WeChat acted, a refused pre-auth code', async () => {
    let since = await lastId();
    await sandbox.client.injectFault({ path: SET_OPTION, httpStatus: 502, appId, times: 1 });
    const bad = await failureOf(component.setAuthorizerOption(appId, 'voice_recognize', '1'));
    expect(bad).toBeInstanceOf(WeChatHttpError);
    expect(bad).toMatchObject({ reason: 'http 502', status: 502, transient: true });
    expect(await callsOf(SET_OPTION, since, 1)).toHaveLength(1);

    // WeChat acted on it, the answer was lost: sending it again is not ours to decide.
    since = await lastId();
    await sandbox.client.injectFault({ path: SET_OPTION, reset: 'midway', appId, times: 1 });
    await expect(component.setAuthorizerOption(appId, 'voice_recognize', '0')).rejects.toMatchObject({ reason: 'reset', transient: true });
    await expect(component.getAuthorizerOption(appId, 'voice_recognize')).resolves.toMatchObject({ option_value: '0' });
    expect(await callsOf(SET_OPTION, since, 1)).toHaveLength(1);

    since = await lastId();
    await sandbox.client.injectFault({ path: PRE_AUTH, reset: 'before', times: 1 });
    await expect(component.createPreAuthCode()).rejects.toMatchObject({ reason: 'reset' });
    expect(await callsOf(PRE_AUTH, since, 1)).toHaveLength(1);
    await expect(component.createPreAuthCode()).resolves.toHaveProperty('pre_auth_code');
  });

  it('retries errcode -1 ("system busy") at most http.retries times, then fails with it', async () => {
    const since = await lastId();
    const fault = await sandbox.client.injectFault({ path: INFO, errcode: -1, appId });
    const error = await failureOf(component.getAuthorizerInfo(appId));
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: -1, isTransient: true });
    await sandbox.client.removeFault(fault.id);
    // One more call after the fault is gone marks the end: exactly retries + 1 faulted attempts before it.
    await component.getAuthorizerInfo(appId);
    const calls = await callsOf(INFO, since, retries + 2);
    expect(calls.map((c) => c.errcode)).toEqual([-1, -1, -1, undefined]);
  });

  it('never retries a quota error (45009)', async () => {
    const since = await lastId();
    await sandbox.client.injectFault({ path: INFO, errcode: 45009, appId, times: 1 });
    await expect(component.getAuthorizerInfo(appId)).rejects.toMatchObject({ errcode: 45009, isQuotaExceeded: true, isTransient: false });
    await component.getAuthorizerInfo(appId);
    expect((await callsOf(INFO, since, 2)).map((c) => c.errcode)).toEqual([45009, undefined]);
  });

  it("hands a file over once classified: its stream is the caller's, not cut at the deadline", async () => {
    const ticket = await client.qrcode.create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'faults' } } });
    const since = await lastId();
    // The headers (image/jpg) come at once, the bytes over 1.5 s — well past the 400 ms deadline.
    await sandbox.client.injectFault({ path: '/cgi-bin/showqrcode', trickleMs: 1500, times: 1 });
    const file = await client.qrcode.show(ticket);
    expect(file).toBeInstanceOf(WeChatFile);
    const bytes = await file.toBuffer();
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const [call] = await callsOf('/cgi-bin/showqrcode', since, 1);
    expect(call!.interrupted).toBeUndefined();
  });

  it('cuts a JSON error trickling into a file call at the deadline, and retries the GET', async () => {
    const ticket = await client.qrcode.create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'faults-2' } } });
    const since = await lastId();
    await sandbox.client.injectFault({ path: '/cgi-bin/showqrcode', errcode: -1, trickleMs: 3000, times: 1 });
    expect(await client.qrcode.show(ticket)).toBeInstanceOf(WeChatFile);
    expect((await callsOf('/cgi-bin/showqrcode', since, 2)).map((c) => [c.errcode, c.interrupted])).toEqual([
      [-1, true],
      [undefined, undefined],
    ]);
  });
});
