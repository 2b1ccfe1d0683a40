import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../start-sandbox.js';
import { RID, startFixture, type Fixture } from '../testing/fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());
afterEach(() => f.sandbox.client.clearFaults());

/** The first defined value of `check`, polling (the sandbox records a call once its connection is closed). */
async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out waiting');
}

describe('summary and settings', () => {
  it('summarizes the component, URLs, ticket, token and accounts', async () => {
    await f.componentToken();
    const summary = await f.sandbox.client.summary();
    expect(summary.componentAppId).toBe(f.sandbox.componentAppId);
    expect(summary.urls).toEqual({ api: f.sandbox.url, mp: f.sandbox.url, open: f.sandbox.url, console: `${f.sandbox.url}/` });
    expect(summary.ticket?.value).toMatch(/^ticket@@@/);
    expect(summary.componentToken).toMatchObject({ expired: false, issued: 1 });
    expect(summary.accounts).toEqual({ total: 5, authorized: 0 });
    expect(summary.settings.eventUrl).toBe(`${f.receiver.url}/wechat/events`);
  });

  it('changes settings at run time and refuses invalid ones atomically (400)', async () => {
    const updated = await f.sandbox.client.updateSettings({ authorizerTokenTtlSeconds: 60, componentTokenTtlSeconds: 120 });
    expect(updated).toMatchObject({ authorizerTokenTtlSeconds: 60, componentTokenTtlSeconds: 120 });
    const answer = await f.wx.post('/cgi-bin/component/api_component_token', {
      component_appid: f.sandbox.componentAppId,
      component_appsecret: f.sandbox.componentAppSecret,
      component_verify_ticket: (await f.sandbox.client.pushTicket()).ticket,
    });
    expect(answer['expires_in']).toBe(120);
    await expect(f.sandbox.client.updateSettings({ componentTokenTtlSeconds: 7200, pushAttempts: 0 })).rejects.toMatchObject({ status: 400 });
    await expect(f.sandbox.client.updateSettings({ eventUrl: 'ftp://x' })).rejects.toMatchObject({ status: 400 });
    await expect(f.sandbox.client.updateSettings({ nope: 1 } as never)).rejects.toMatchObject({ status: 400 });
    expect((await f.sandbox.client.getSettings()).componentTokenTtlSeconds).toBe(120);
    await f.sandbox.client.updateSettings({ authorizerTokenTtlSeconds: 7200, componentTokenTtlSeconds: 7200 });
  });

  it('runs several independent sandboxes in one process', async () => {
    const other = await startSandbox({ componentAppId: 'wx1111111111111111', seedAccounts: false });
    try {
      await other.client.createAccount({ type: 'official_account' });
      expect((await other.client.summary()).accounts.total).toBe(1);
      expect((await f.sandbox.client.summary()).accounts.total).toBeGreaterThanOrEqual(5);
      expect(other.url).not.toBe(f.sandbox.url);
    } finally {
      await other.stop();
    }
  });
});

describe('accounts', () => {
  it('creates, lists and shows accounts; conflicts answer 409 and bad input 400', async () => {
    const created = await f.sandbox.client.createAccount({ type: 'official_account', appId: 'wx00000000000000aa', userName: 'gh_0000000000aa', nickName: '新号' });
    expect(created).toMatchObject({ appId: 'wx00000000000000aa', userName: 'gh_0000000000aa', nickName: '新号', status: 'unauthorized', hasMenu: false });
    await expect(f.sandbox.client.createAccount({ type: 'official_account', appId: 'wx00000000000000aa' })).rejects.toMatchObject({ status: 409 });
    await expect(f.sandbox.client.createAccount({ type: 'official_account', appId: 'nope' })).rejects.toMatchObject({ status: 409 });
    await expect(f.sandbox.client.createAccount({ type: 'robot' } as never)).rejects.toMatchObject({ status: 400 });
    await expect(f.sandbox.client.createAccount({ type: 'official_account', menu: { button: [] } })).rejects.toMatchObject({ status: 400 });
    const page = await f.sandbox.client.listAccounts({ type: 'official_account', limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);
    await expect(f.sandbox.client.getAccount('wx0000000000000001')).rejects.toMatchObject({ status: 404 });
    await expect(f.sandbox.client.listAccounts({ status: 'odd' as never })).rejects.toMatchObject({ status: 400 });
  });

  it('creates accounts in bulk, authorized without pushes', async () => {
    const pushes = f.receiver.received.length;
    const result = await f.sandbox.client.createAccounts({ count: 50, type: 'mini_program', authorize: true });
    expect(result.created).toBe(50);
    expect(result.accounts[0]).toEqual({ appId: expect.stringMatching(/^wx[0-9a-f]{16}$/), userName: expect.stringMatching(/^gh_/), refreshToken: expect.stringMatching(/^refreshtoken@@@/) });
    expect(f.receiver.received.length).toBe(pushes);
    expect((await f.sandbox.client.listAccounts({ status: 'authorized', type: 'mini_program' })).total).toBeGreaterThanOrEqual(50);
    await expect(f.sandbox.client.createAccounts({ count: 0, type: 'mini_program' })).rejects.toMatchObject({ status: 400 });
  });

  it('shows an account with its options, counters and token; 409 for actions that need an authorization', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    await expect(f.sandbox.client.revoke(account.appId)).rejects.toMatchObject({ status: 409 });
    await expect(f.sandbox.client.staleRefreshToken(account.appId)).rejects.toMatchObject({ status: 409 });
    await expect(f.sandbox.client.expireAuthorizerToken(account.appId)).rejects.toMatchObject({ status: 404 });
    await expect(f.sandbox.client.authorize(account.appId, { funcIds: [19] })).rejects.toMatchObject({ status: 400 });
    const { accessToken } = await f.authorize(account.appId);
    await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken });
    const detail = await f.sandbox.client.getAccount(account.appId);
    expect(detail).toMatchObject({
      status: 'authorized',
      hasMenu: true,
      options: { location_report: '0', voice_recognize: '0', customer_service: '0' },
      accessToken: { token: accessToken, expired: false, issued: 1 },
    });
    expect(detail.calls['/cgi-bin/menu/get']).toBe(1);
    expect(detail.calls['/cgi-bin/component/api_query_auth']).toBe(1);
    const { authorizationCode } = await f.sandbox.client.authorizationCode(account.appId);
    expect(authorizationCode).toMatch(/^queryauthcode@@@/);
  });
});

describe('faults', () => {
  it('injects an errcode for a number of calls, then disappears', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    const { accessToken } = await f.authorize(account.appId);
    const fault = await f.sandbox.client.injectFault({ path: '/cgi-bin/menu/get', errcode: -1, times: 2 });
    const first = await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken });
    expect(first.errcode).toBe(-1);
    expect(first.errmsg).toMatch(/^system error/);
    expect(first.errmsg).toMatch(RID);
    expect((await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken })).errcode).toBe(-1);
    expect((await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken })).errcode).toBeUndefined();
    expect(await f.sandbox.client.listFaults()).toEqual([]);
    const calls = await f.sandbox.client.calls({ path: '/cgi-bin/menu/get', appId: account.appId });
    expect(calls.map((c) => [c.errcode, c.faultId])).toEqual([
      [-1, fault.id],
      [-1, fault.id],
      [undefined, undefined],
    ]);
  });

  it('adds latency, filters by appId and prefix, and can be removed or cleared', async () => {
    const a = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    const b = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    const ta = (await f.authorize(a.appId)).accessToken;
    const tb = (await f.authorize(b.appId)).accessToken;
    const slow = await f.sandbox.client.injectFault({ path: '/cgi-bin/menu/*', latencyMs: 150, appId: a.appId });
    const t0 = performance.now();
    expect((await f.wx.get('/cgi-bin/menu/get', { access_token: ta })).errcode).toBeUndefined();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    await f.wx.get('/cgi-bin/menu/get', { access_token: tb });
    const [callOfB] = await f.sandbox.client.calls({ path: '/cgi-bin/menu/get', appId: b.appId });
    expect(callOfB!.faultId).toBeUndefined();
    expect((await f.sandbox.client.listFaults())[0]!.hits).toBe(1);
    await f.sandbox.client.removeFault(slow.id);
    await expect(f.sandbox.client.removeFault(slow.id)).rejects.toMatchObject({ status: 404 });
    await f.sandbox.client.injectFault({ path: '/cgi-bin/component/api_authorizer_token', errcode: 45009, errmsg: 'custom text' });
    const faulted = await f.wx.post('/cgi-bin/component/api_authorizer_token', {});
    expect(faulted.errmsg).toMatch(/^custom text rid: /);
    await f.sandbox.client.clearFaults();
    expect(await f.sandbox.client.listFaults()).toEqual([]);
    await expect(f.sandbox.client.injectFault({ path: 'no-slash', errcode: 1 })).rejects.toMatchObject({ status: 400 });
    await expect(f.sandbox.client.injectFault({ path: '/x' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('answer faults: HTTP status, trickle, reset', () => {
  /** A raw request: the status, the body and how many chunks it came in (fetch hides the chunks). */
  function rawPost(url: string, body: string): Promise<{ status: number; body: string; chunks: number }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), chunks: parts.length }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers an HTTP status with a gateway page or an empty body instead of calling the endpoint', async () => {
    const bad = await f.sandbox.client.injectFault({ path: '/cgi-bin/component/api_component_token', httpStatus: 502, times: 1 });
    const page = await fetch(f.wx.url('/cgi-bin/component/api_component_token'), { method: 'POST', body: '{}' });
    expect(page.status).toBe(502);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<title>502 Bad Gateway</title>');
    await f.sandbox.client.injectFault({ path: '/cgi-bin/component/api_component_token', httpStatus: 503, httpBody: 'empty', times: 1 });
    const empty = await fetch(f.wx.url('/cgi-bin/component/api_component_token'), { method: 'POST', body: '{}' });
    expect([empty.status, await empty.text()]).toEqual([503, '']);
    const calls = await f.sandbox.client.calls({ path: '/cgi-bin/component/api_component_token' });
    expect(calls.slice(-2).map((c) => [c.status, c.errcode, c.faultId])).toEqual([
      [502, undefined, bad.id],
      [503, undefined, bad.id + 1],
    ]);
  });

  it('trickles an answer: the same bytes, in many chunks, recorded as lasting at least trickleMs', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    await f.authorize(account.appId);
    const fault = await f.sandbox.client.injectFault({ path: '/cgi-bin/component/api_get_authorizer_info', trickleMs: 600, appId: account.appId, times: 1 });
    const token = await f.componentToken();
    const url = f.wx.url('/cgi-bin/component/api_get_authorizer_info', { component_access_token: token });
    const body = JSON.stringify({ component_appid: f.sandbox.componentAppId, authorizer_appid: account.appId });
    const trickled = await rawPost(url, body);
    const plain = await rawPost(url, body);
    expect(trickled.status).toBe(200);
    expect(JSON.parse(trickled.body)).toEqual(JSON.parse(plain.body));
    expect(trickled.chunks).toBeGreaterThan(1);
    const [slow, quick] = await f.sandbox.client.calls({ path: '/cgi-bin/component/api_get_authorizer_info', appId: account.appId });
    expect(slow).toMatchObject({ status: 200, faultId: fault.id });
    expect(slow!.interrupted).toBeUndefined();
    expect(slow!.durationMs).toBeGreaterThanOrEqual(590);
    expect(quick!.faultId).toBeUndefined();
  });

  it('records a trickled answer the client gave up on as interrupted', async () => {
    const fault = await f.sandbox.client.injectFault({ path: '/cgi-bin/component/api_component_token', trickleMs: 5000, times: 1 });
    const gaveUp = new AbortController();
    const answer = await fetch(f.wx.url('/cgi-bin/component/api_component_token'), { method: 'POST', body: '{}', signal: gaveUp.signal });
    expect(answer.status).toBe(200);
    gaveUp.abort();
    await expect(answer.text()).rejects.toThrow();
    const call = await until(async () => (await f.sandbox.client.calls({ path: '/cgi-bin/component/api_component_token' })).find((c) => c.faultId === fault.id));
    expect(call).toMatchObject({ status: 200, interrupted: true });
  });

  it("resets the connection before any answer (the endpoint is not called) or midway (the endpoint acted)", async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { accessToken } = await f.authorize(account.appId);
    const menu = JSON.stringify({ button: [{ type: 'click', name: 'A', key: 'a' }] });
    const before = await f.sandbox.client.injectFault({ path: '/cgi-bin/menu/create', reset: 'before', appId: account.appId, times: 1 });
    await expect(fetch(f.wx.url('/cgi-bin/menu/create', { access_token: accessToken }), { method: 'POST', body: menu })).rejects.toThrow();
    expect((await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken })).errcode).toBe(46003);
    const midway = await f.sandbox.client.injectFault({ path: '/cgi-bin/menu/create', reset: 'midway', appId: account.appId, times: 1 });
    await expect(rawPost(f.wx.url('/cgi-bin/menu/create', { access_token: accessToken }), menu)).rejects.toThrow();
    expect((await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken })).menu).toBeDefined();
    const calls = await until(async () => {
      const all = await f.sandbox.client.calls({ path: '/cgi-bin/menu/create', appId: account.appId });
      return all.length === 2 ? all : undefined;
    });
    expect(calls.map((c) => [c.status, c.errcode, c.interrupted, c.faultId])).toEqual([
      [0, undefined, true, before.id],
      [200, 0, true, midway.id],
    ]);
  });

  it('adds latency to component endpoints too', async () => {
    const fault = await f.sandbox.client.injectFault({ path: '/cgi-bin/component/api_component_token', latencyMs: 120, times: 1 });
    expect(await f.componentToken()).toMatch(/\S/);
    const call = (await f.sandbox.client.calls({ path: '/cgi-bin/component/api_component_token' })).find((c) => c.faultId === fault.id);
    expect(call?.errcode).toBeUndefined();
    expect(call!.durationMs).toBeGreaterThanOrEqual(115);
  });

  it('refuses unusable faults with 400 naming the field', async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ path: '/x', httpStatus: 700 }, /httpStatus/],
      [{ path: '/x', httpStatus: 502, httpBody: 'xml' }, /httpBody/],
      [{ path: '/x', latencyMs: 1, httpBody: 'empty' }, /httpBody needs httpStatus/],
      [{ path: '/x', errcode: -1, httpStatus: 502 }, /not both/],
      [{ path: '/x', trickleMs: 0 }, /trickleMs/],
      [{ path: '/x', reset: 'later' }, /reset/],
      [{ path: '/x', reset: 'before', trickleMs: 100 }, /no answer/],
      [{ path: '/x', errcode: 1, tricklems: 100 }, /unknown field tricklems/],
    ];
    for (const [input, message] of bad) {
      const error = await f.sandbox.client.injectFault(input as never).then(
        () => undefined,
        (e: unknown) => e as { status: number; message: string },
      );
      expect(error?.status, JSON.stringify(input)).toBe(400);
      expect(error?.message).toMatch(message);
    }
    expect(await f.sandbox.client.listFaults()).toEqual([]);
  });
});

describe('recorded calls, counters and the log', () => {
  it('records calls with secrets masked and credentials truncated', async () => {
    const { ticket } = await f.sandbox.client.pushTicket();
    const since = Date.now();
    await f.wx.post('/cgi-bin/component/api_component_token', {
      component_appid: f.sandbox.componentAppId,
      component_appsecret: f.sandbox.componentAppSecret,
      component_verify_ticket: ticket,
    });
    const [call] = await f.sandbox.client.calls({ path: '/cgi-bin/component/api_component_token', since });
    expect(call).toMatchObject({ method: 'POST', status: 200, body: { component_appsecret: '***', component_verify_ticket: `${ticket.slice(0, 10)}…` } });
    expect(JSON.stringify(await f.sandbox.client.calls({ limit: 1000 }))).not.toContain(f.sandbox.componentAppSecret);
    const token = (await f.sandbox.client.summary()).componentToken!.token;
    await f.wx.post('/cgi-bin/component/api_create_preauthcode', { component_appid: f.sandbox.componentAppId }, { component_access_token: token });
    const [preauth] = await f.sandbox.client.calls({ path: '/cgi-bin/component/api_create_preauthcode', limit: 1 });
    expect(preauth!.query['component_access_token']).toBe(`${token.slice(0, 10)}…`);
  });

  it('counts calls per path and authorizer tokens per account', async () => {
    const fresh = await startFixture({ seedAccounts: false });
    try {
      const { accounts } = await fresh.sandbox.client.createAccounts({ count: 3, type: 'official_account', authorize: true });
      const token = await fresh.componentToken();
      const refresh = (i: number) =>
        fresh.wx.post(
          '/cgi-bin/component/api_authorizer_token',
          { component_appid: fresh.sandbox.componentAppId, authorizer_appid: accounts[i]!.appId, authorizer_refresh_token: accounts[i]!.refreshToken },
          { component_access_token: token },
        );
      await refresh(0);
      await refresh(1);
      await refresh(1);
      const counters = await fresh.sandbox.client.counters();
      expect(counters.paths['/cgi-bin/component/api_authorizer_token']).toBe(3);
      expect(counters.componentTokensIssued).toBe(1);
      expect(counters.authorizerTokens).toEqual({ accounts: 2, issued: 3, maxPerAccount: 2, histogram: { '1': 1, '2': 1 } });
      const twice = await fresh.sandbox.client.authorizerTokenCounts(2);
      expect(twice.over).toEqual([{ appId: accounts[1]!.appId, issued: 2 }]);
    } finally {
      await fresh.stop();
    }
  });

  it('merges calls and pushes in /sandbox/log and serves the console', async () => {
    const start = (await f.sandbox.client.summary()).lastId;
    await f.sandbox.client.pushTicket();
    await f.wx.get('/cgi-bin/menu/get');
    const log = (await (await fetch(`${f.sandbox.url}/sandbox/log?after=${start}`)).json()) as { last: number; entries: { entry: string; id: number }[] };
    expect(log.entries.map((e) => e.entry)).toEqual(['push', 'call']);
    expect(log.last).toBe(log.entries.at(-1)!.id);
    const page = await fetch(`${f.sandbox.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('/sandbox/log?after=');
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    expect(() => new Function(script)).not.toThrow();
    await expect(f.sandbox.client.pushes({ kind: 'nope' as never })).rejects.toMatchObject({ status: 400 });
  });

  it('answers 400 to a control body that is not JSON', async () => {
    const response = await fetch(`${f.sandbox.url}/sandbox/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(response.status).toBe(400);
  });
});
