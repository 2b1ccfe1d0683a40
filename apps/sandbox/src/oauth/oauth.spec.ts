import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../testing/fixture.js';

let f: Fixture;
let oa: string;
beforeAll(async () => {
  f = await startFixture();
  oa = await f.seeded('official_account');
  await f.sandbox.client.authorize(oa, { push: false });
});
afterAll(() => f.stop());

const CALLBACK = 'https://platform.example.com/oauth/callback';

function authorizeUrl(params: Record<string, string>): URL {
  const url = new URL('/connect/oauth2/authorize', f.sandbox.openBaseUrl);
  const all = { appid: oa, redirect_uri: CALLBACK, response_type: 'code', scope: 'snsapi_userinfo', state: 'xyz', component_appid: f.sandbox.componentAppId, ...params };
  for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
  return url;
}

async function consent(fields: Record<string, string>): Promise<URL> {
  const response = await fetch(new URL('/connect/oauth2/authorize', f.sandbox.openBaseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ appid: oa, redirect_uri: CALLBACK, scope: 'snsapi_userinfo', state: 'xyz', component_appid: f.sandbox.componentAppId, ...fields }),
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

async function exchange(code: string, overrides: Record<string, string> = {}) {
  return f.wx.get('/sns/oauth2/component/access_token', {
    appid: oa,
    code,
    grant_type: 'authorization_code',
    component_appid: f.sandbox.componentAppId,
    component_access_token: await f.componentToken(),
    ...overrides,
  });
}

describe('connect/oauth2/authorize', () => {
  it('shows a consent page for snsapi_userinfo; 允许 redirects with code, state and appid', async () => {
    const page = await fetch(authorizeUrl({}));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('id="allow"');
    expect(html).toContain('name="user" value="lisi"');
    const location = await consent({ decision: 'allow', user: 'lisi' });
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('appid')).toBe(oa);
    expect(location.searchParams.get('code')).toMatch(/^[\w-]{32}$/);
  });

  it('拒绝 redirects with the state only; snsapi_base redirects at once', async () => {
    const denied = await consent({ decision: 'deny' });
    expect([...denied.searchParams.keys()]).toEqual(['state']);
    const base = await fetch(authorizeUrl({ scope: 'snsapi_base' }), { redirect: 'manual' });
    expect(base.status).toBe(302);
    expect(new URL(base.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });

  it.each([
    ['an unauthorized account', async () => ({ appid: (await f.sandbox.client.createAccount({ type: 'official_account' })).appId }), '10015'],
    ['a mini program', async () => ({ appid: await f.seeded('mini_program') }), '10016'],
    ['a wrong component', async () => ({ component_appid: 'wx0000000000000000' }), '10015'],
    ['an unknown scope', async () => ({ scope: 'snsapi_login' }), '10005'],
    ['no redirect_uri', async () => ({ redirect_uri: '' }), '10011'],
  ])('shows an error page for %s', async (_name, params, code) => {
    const response = await fetch(authorizeUrl(await params()));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(`data-code="${code}"`);
  });
});

describe('sns endpoints', () => {
  it('exchanges a code once, refreshes, and returns the user', async () => {
    const code = (await consent({ decision: 'allow', user: 'zhangsan' })).searchParams.get('code')!;
    const tokens = await exchange(code);
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'openid', 'refresh_token', 'scope']);
    expect(tokens['scope']).toBe('snsapi_userinfo');
    expect(tokens['expires_in']).toBe(7200);
    expect(tokens['openid']).toMatch(/^o[\w-]{27}$/);
    const reused = await exchange(code);
    expect(reused.errcode).toBe(40163);
    expect(reused.errmsg).toMatch(/^code been used rid: /);

    const refreshed = await f.wx.get('/sns/oauth2/component/refresh_token', {
      appid: oa,
      grant_type: 'refresh_token',
      component_appid: f.sandbox.componentAppId,
      component_access_token: await f.componentToken(),
      refresh_token: tokens['refresh_token'] as string,
    });
    expect(refreshed['refresh_token']).toBe(tokens['refresh_token']);
    expect(refreshed['access_token']).not.toBe(tokens['access_token']);

    const user = await f.wx.get('/sns/userinfo', { access_token: refreshed['access_token'] as string, openid: tokens['openid'] as string, lang: 'zh_CN' });
    expect(user).toMatchObject({ openid: tokens['openid'], nickname: '张三', sex: 1, province: '广东', city: '深圳', country: '中国', privilege: [] });
    expect(user['unionid']).toMatch(/^o[\w-]{27}$/);
  });

  it('answers 40029, 40002, 41008, 48001 and the refresh and userinfo errors', async () => {
    expect((await exchange('nope')).errcode).toBe(40029);
    expect((await exchange('x', { grant_type: 'client_credential' })).errcode).toBe(40002);
    expect((await exchange('')).errcode).toBe(41008);
    const other = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { accessToken } = await f.authorize(other.appId);
    expect((await exchange('x', { component_access_token: accessToken })).errcode).toBe(48001);
    const code = (await consent({ decision: 'allow' })).searchParams.get('code')!;
    expect((await exchange(code, { appid: other.appId })).errcode).toBe(40029);

    const badRefresh = await f.wx.get('/sns/oauth2/component/refresh_token', {
      appid: oa,
      grant_type: 'refresh_token',
      component_appid: f.sandbox.componentAppId,
      component_access_token: await f.componentToken(),
      refresh_token: 'nope',
    });
    expect(badRefresh.errcode).toBe(40030);

    const base = await fetch(authorizeUrl({ scope: 'snsapi_base' }), { redirect: 'manual' });
    const baseTokens = await exchange(new URL(base.headers.get('location')!).searchParams.get('code')!);
    expect(baseTokens['scope']).toBe('snsapi_base');
    const userinfo = (openid: string, token = baseTokens['access_token'] as string) => f.wx.get('/sns/userinfo', { access_token: token, openid });
    expect((await userinfo(baseTokens['openid'] as string)).errcode).toBe(48001);
    expect((await userinfo('o-someone-else')).errcode).toBe(40003);
    expect((await userinfo(baseTokens['openid'] as string, 'unknown')).errcode).toBe(40001);
    f.advance(7201_000);
    expect((await userinfo(baseTokens['openid'] as string)).errcode).toBe(42001);
  });
});

describe('sns/component/jscode2session', () => {
  it('exchanges a js_code from the control API once; 40029 unknown, 40163 reused, 61003 not authorized', async () => {
    const mp = (await f.sandbox.client.createAccount({ type: 'mini_program' })).appId;
    const session = async (appid: string, jsCode: string) =>
      f.wx.get('/sns/component/jscode2session', {
        appid,
        js_code: jsCode,
        grant_type: 'authorization_code',
        component_appid: f.sandbox.componentAppId,
        component_access_token: await f.componentToken(),
      });
    expect((await session(mp, 'x')).errcode).toBe(61003);
    await f.sandbox.client.authorize(mp, { push: false });
    const { jsCode, openid } = await f.sandbox.client.createJsCode(mp, { user: 'wangwu' });
    const answer = await session(mp, jsCode);
    expect(answer).toEqual({ openid, session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/), unionid: expect.stringMatching(/^o/) });
    expect((await session(mp, jsCode)).errcode).toBe(40163);
    expect((await session(mp, 'nope')).errcode).toBe(40029);
    expect((await session(oa, 'nope')).errcode).toBe(61003);
  });
});
