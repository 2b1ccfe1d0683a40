import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RID, startFixture, type Fixture } from '../testing/fixture.js';

let f: Fixture;
let appid: string;
let secret: string;

beforeAll(async () => {
  f = await startFixture();
  appid = f.sandbox.componentAppId;
  secret = f.sandbox.componentAppSecret;
});
afterAll(() => f.stop());

const tokenBody = (ticket: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  component_appid: appid,
  component_appsecret: secret,
  component_verify_ticket: ticket,
  ...overrides,
});

describe('api_component_token', () => {
  it('issues a token for the current ticket and renders errors with a rid', async () => {
    const { ticket } = await f.sandbox.client.pushTicket();
    const ok = await f.wx.post('/cgi-bin/component/api_component_token', tokenBody(ticket));
    expect(Object.keys(ok).sort()).toEqual(['component_access_token', 'expires_in']);
    expect(ok['expires_in']).toBe(7200);
    expect(ok['component_access_token']).toMatch(/^\d+_[\w-]+$/);
    const response = await fetch(f.wx.url('/cgi-bin/component/api_component_token'), { method: 'POST', body: JSON.stringify(tokenBody('nope')) });
    expect(response.status).toBe(200);
    const error = (await response.json()) as { errcode: number; errmsg: string };
    expect(error.errcode).toBe(61006);
    expect(error.errmsg).toMatch(/^component ticket is invalid rid: /);
    expect(error.errmsg).toMatch(RID);
  });

  it.each([
    ['missing appid', { component_appid: undefined }, 41018],
    ['wrong appid', { component_appid: 'wx0000000000000000' }, 40013],
    ['missing secret', { component_appsecret: undefined }, 41004],
    ['wrong secret', { component_appsecret: 'x'.repeat(32) }, 40125],
    ['missing ticket', { component_verify_ticket: undefined }, 61006],
    ['null ticket', { component_verify_ticket: null }, 61006],
  ])('%s → %i', async (_name, overrides, errcode) => {
    const { ticket } = await f.sandbox.client.pushTicket();
    const answer = await f.wx.post('/cgi-bin/component/api_component_token', tokenBody(ticket, overrides));
    expect(answer.errcode).toBe(errcode);
  });

  it('accepts the previous ticket, refuses older ones (61005) and tickets older than 12 h (61005)', async () => {
    const first = (await f.sandbox.client.pushTicket()).ticket;
    const second = (await f.sandbox.client.pushTicket()).ticket;
    const third = (await f.sandbox.client.pushTicket()).ticket;
    expect((await f.wx.post('/cgi-bin/component/api_component_token', tokenBody(second))).errcode).toBeUndefined();
    expect((await f.wx.post('/cgi-bin/component/api_component_token', tokenBody(first))).errcode).toBe(61005);
    f.advance(12 * 3600 * 1000 + 1000);
    expect((await f.wx.post('/cgi-bin/component/api_component_token', tokenBody(third))).errcode).toBe(61005);
  });

  it('answers 47001 to a body that is not JSON', async () => {
    expect((await f.wx.post('/cgi-bin/component/api_component_token', '{not json')).errcode).toBe(47001);
  });
});

describe('component token checks', () => {
  const preauth = (query: Record<string, string>) => f.wx.post('/cgi-bin/component/api_create_preauthcode', { component_appid: appid }, query);

  it('accepts the token as component_access_token or access_token', async () => {
    const token = await f.componentToken();
    for (const name of ['component_access_token', 'access_token']) {
      const answer = await preauth({ [name]: token });
      expect(answer['pre_auth_code']).toMatch(/^preauthcode@@@/);
      expect(answer['expires_in']).toBe(600);
    }
  });

  it('answers 41001 missing, 40014 malformed, 40001 unknown, 42001 expired, 40001 invalidated', async () => {
    expect((await preauth({})).errcode).toBe(41001);
    expect((await preauth({ component_access_token: 'not a token!' })).errcode).toBe(40014);
    expect((await preauth({ component_access_token: '83_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).errcode).toBe(40001);
    const token = await f.componentToken();
    await f.sandbox.client.expireComponentToken();
    const expired = await preauth({ component_access_token: token });
    expect(expired.errcode).toBe(42001);
    expect(expired.errmsg).toMatch(/^access_token expired rid: /);
    const another = await f.componentToken();
    await f.sandbox.client.invalidateComponentToken();
    expect((await preauth({ component_access_token: another })).errcode).toBe(40001);
  });

  it('expires tokens after their lifetime, and keeps a replaced token working for 5 minutes', async () => {
    const old = await f.componentToken();
    const fresh = await f.componentToken();
    expect((await preauth({ component_access_token: old })).errcode).toBeUndefined();
    f.advance(301_000);
    expect((await preauth({ component_access_token: old })).errcode).toBe(42001);
    expect((await preauth({ component_access_token: fresh })).errcode).toBeUndefined();
    f.advance(7200_000);
    expect((await preauth({ component_access_token: fresh })).errcode).toBe(42001);
  });

  it('refuses an authorizer token on a component endpoint (48001) and a wrong component_appid (40013)', async () => {
    const appId = await f.seeded('official_account');
    const { accessToken } = await f.authorize(appId);
    expect((await preauth({ component_access_token: accessToken })).errcode).toBe(48001);
    const token = await f.componentToken();
    const wrong = await f.wx.post('/cgi-bin/component/api_create_preauthcode', { component_appid: 'wx0000000000000000' }, { access_token: token });
    expect(wrong.errcode).toBe(40013);
    expect((await f.wx.post('/cgi-bin/component/api_create_preauthcode', {}, { access_token: token })).errcode).toBe(41018);
  });
});

describe('api_start_push_ticket', () => {
  it('answers ok and pushes a ticket at once', async () => {
    const before = f.receiver.received.length;
    const answer = await f.wx.post('/cgi-bin/component/api_start_push_ticket', { component_appid: appid, component_secret: secret });
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok' });
    const push = await f.receiver.waitFor((p, i = f.receiver.received.indexOf(p)) => i >= before && p.message['InfoType'] === 'component_verify_ticket');
    expect(push.verified).toBe(true);
    expect((await f.sandbox.client.summary()).ticket?.value).toBe(push.message['ComponentVerifyTicket']);
  });

  it.each([
    ['wrong secret', (): object => ({ component_appid: appid, component_secret: 'wrong' }), 40125],
    ['missing secret', (): object => ({ component_appid: appid }), 41004],
    ['wrong appid', (): object => ({ component_appid: 'wx0000000000000000', component_secret: secret }), 40013],
  ])('%s → %i', async (_name, body, errcode) => {
    expect((await f.wx.post('/cgi-bin/component/api_start_push_ticket', body())).errcode).toBe(errcode);
  });
});

describe('api_query_auth', () => {
  const query = async (code: string) =>
    f.wx.post('/cgi-bin/component/api_query_auth', { component_appid: appid, authorization_code: code }, { component_access_token: await f.componentToken() });

  it('redeems a code once (61009 after), with tokens and func_info', async () => {
    const appId = await f.seeded('official_account');
    const { authorizationCode, refreshToken } = await f.sandbox.client.authorize(appId, { push: false });
    const answer = await query(authorizationCode);
    const info = answer['authorization_info'] as Record<string, unknown>;
    expect(info['authorizer_appid']).toBe(appId);
    expect(info['authorizer_refresh_token']).toBe(refreshToken);
    expect(info['expires_in']).toBe(7200);
    expect(info['authorizer_access_token']).toMatch(/^\d+_/);
    expect(info['func_info']).toContainEqual({ funcscope_category: { id: 1 } });
    expect((await query(authorizationCode)).errcode).toBe(61009);
    expect((await query('queryauthcode@@@unknown')).errcode).toBe(61009);
  });

  it('refuses an expired code (61010)', async () => {
    const appId = await f.seeded('mini_program');
    const { authorizationCode } = await f.sandbox.client.authorize(appId, { push: false });
    f.advance(3601_000);
    expect((await query(authorizationCode)).errcode).toBe(61010);
  });
});

describe('api_authorizer_token', () => {
  const refresh = async (authorizerAppId: string, refreshToken: unknown) =>
    f.wx.post(
      '/cgi-bin/component/api_authorizer_token',
      { component_appid: appid, authorizer_appid: authorizerAppId, authorizer_refresh_token: refreshToken },
      { component_access_token: await f.componentToken() },
    );

  it('issues a new token and returns the same refresh token', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { refreshToken, accessToken } = await f.authorize(account.appId);
    const answer = await refresh(account.appId, refreshToken);
    expect(answer['authorizer_refresh_token']).toBe(refreshToken);
    expect(answer['authorizer_access_token']).not.toBe(accessToken);
    expect(answer['expires_in']).toBe(7200);
    expect((await f.sandbox.client.getAccount(account.appId)).accessToken?.issued).toBe(2);
  });

  it('answers 61023 for a wrong, null or superseded refresh token', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { refreshToken } = await f.authorize(account.appId);
    expect((await refresh(account.appId, 'refreshtoken@@@wrong')).errcode).toBe(61023);
    expect((await refresh(account.appId, null)).errcode).toBe(61023);
    const reauthorized = await f.sandbox.client.authorize(account.appId, { push: false });
    expect(reauthorized.infoType).toBe('updateauthorized');
    const stale = await refresh(account.appId, refreshToken);
    expect(stale.errcode).toBe(61023);
    expect(stale.errmsg).toMatch(/^refresh_token is invalid rid: /);
    expect((await refresh(account.appId, reauthorized.refreshToken)).errcode).toBeUndefined();
  });

  it('answers 61003 for accounts never authorized or revoked', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'mini_program' });
    expect((await refresh(account.appId, 'x')).errcode).toBe(61003);
    expect((await refresh('wx0000000000000000', 'x')).errcode).toBe(61003);
    const { refreshToken } = await f.authorize(account.appId);
    await f.sandbox.client.revoke(account.appId, { push: false });
    const revoked = await refresh(account.appId, refreshToken);
    expect(revoked.errcode).toBe(61003);
    expect(revoked.errmsg).toMatch(/^component is not authorized by this account rid: /);
  });

  it('rotates refresh tokens when configured', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { refreshToken } = await f.authorize(account.appId);
    await f.sandbox.client.updateSettings({ rotateRefreshTokens: true });
    try {
      const rotated = await refresh(account.appId, refreshToken);
      expect(rotated['authorizer_refresh_token']).not.toBe(refreshToken);
      expect((await refresh(account.appId, refreshToken)).errcode).toBe(61023);
      expect((await refresh(account.appId, rotated['authorizer_refresh_token'])).errcode).toBeUndefined();
    } finally {
      await f.sandbox.client.updateSettings({ rotateRefreshTokens: false });
    }
  });

  it('makes a stored refresh token stale on request; the list has the new one', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { refreshToken } = await f.authorize(account.appId);
    const { refreshToken: fresh } = await f.sandbox.client.staleRefreshToken(account.appId);
    expect((await refresh(account.appId, refreshToken)).errcode).toBe(61023);
    const list = await f.wx.post(
      '/cgi-bin/component/api_get_authorizer_list',
      { component_appid: appid, offset: 0, count: 500 },
      { component_access_token: await f.componentToken() },
    );
    const entry = (list['list'] as { authorizer_appid: string; refresh_token: string }[]).find((e) => e.authorizer_appid === account.appId);
    expect(entry?.refresh_token).toBe(fresh);
  });
});

describe('api_get_authorizer_info and api_get_authorizer_list', () => {
  const info = async (authorizerAppId: string) =>
    f.wx.post(
      '/cgi-bin/component/api_get_authorizer_info',
      { component_appid: appid, authorizer_appid: authorizerAppId },
      { component_access_token: await f.componentToken() },
    );

  it('describes an official account (no MiniProgramInfo) and a mini program (with it)', async () => {
    const oa = await f.seeded('official_account');
    await f.authorize(oa);
    const oaInfo = await info(oa);
    const authorizer = oaInfo['authorizer_info'] as Record<string, unknown>;
    expect(authorizer['nick_name']).toBe('沙盒咖啡馆');
    expect(authorizer['user_name']).toMatch(/^gh_[0-9a-f]{12}$/);
    expect(authorizer['service_type_info']).toMatchObject({ id: 2 });
    expect(authorizer['verify_type_info']).toMatchObject({ id: 0 });
    expect(authorizer['business_info']).toEqual({ open_pay: 0, open_shake: 0, open_scan: 0, open_card: 0, open_store: 0 });
    expect(authorizer).not.toHaveProperty('MiniProgramInfo');
    expect(oaInfo['authorization_info']).toMatchObject({ authorizer_appid: oa, authorizer_refresh_token: expect.stringMatching(/^refreshtoken@@@/) });
    const mp = await f.seeded('mini_program');
    await f.authorize(mp);
    const mpInfo = (await info(mp))['authorizer_info'] as Record<string, unknown>;
    expect(mpInfo['MiniProgramInfo']).toMatchObject({ network: { RequestDomain: expect.any(Array) }, categories: expect.any(Array), visit_status: 0 });
    expect(((await info(mp))['authorization_info'] as { func_info: unknown[] }).func_info).toContainEqual({ funcscope_category: { id: 19 } });
  });

  it('answers 61003 for an account that has not authorized', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    expect((await info(account.appId)).errcode).toBe(61003);
  });

  it('pages the authorized accounts in authorization order with refresh_token, count ≤ 500', async () => {
    const bulk = await f.sandbox.client.createAccounts({ count: 600, type: 'official_account', authorize: true });
    const token = await f.componentToken();
    const page = (offset: number, count: number) =>
      f.wx.post('/cgi-bin/component/api_get_authorizer_list', { component_appid: appid, offset, count }, { component_access_token: token });
    const first = await page(0, 1000);
    const total = first['total_count'] as number;
    expect(total).toBe((await f.sandbox.client.summary()).accounts.authorized);
    expect((first['list'] as unknown[]).length).toBe(500);
    const last = await page(total - 2, 10);
    const items = last['list'] as { authorizer_appid: string; refresh_token: string; auth_time: number }[];
    expect(items.map((i) => i.authorizer_appid)).toEqual(bulk.accounts.slice(-2).map((a) => a.appId));
    expect(items[1]!.refresh_token).toBe(bulk.accounts.at(-1)!.refreshToken);
    expect(Object.keys(items[0]!).sort()).toEqual(['auth_time', 'authorizer_appid', 'refresh_token']);
  });
});

describe('authorizer options', () => {
  it('gets and sets options with the legacy component-token calls', async () => {
    const oa = await f.seeded('official_account');
    await f.authorize(oa);
    const token = await f.componentToken();
    const call = (path: string, body: Record<string, unknown>) =>
      f.wx.post(`/cgi-bin/component/${path}`, { component_appid: appid, authorizer_appid: oa, ...body }, { component_access_token: token });
    expect(await call('api_get_authorizer_option', { option_name: 'voice_recognize' })).toEqual({
      authorizer_appid: oa,
      option_name: 'voice_recognize',
      option_value: '0',
    });
    expect(await call('api_set_authorizer_option', { option_name: 'voice_recognize', option_value: '1' })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await call('api_get_authorizer_option', { option_name: 'voice_recognize' }))['option_value']).toBe('1');
    expect((await call('api_get_authorizer_option', { option_name: 'nope' })).errcode).toBe(61012);
    expect((await call('api_set_authorizer_option', { option_name: 'location_report', option_value: '3' })).errcode).toBe(61013);
  });

  it('gets and sets options with the new calls (authorizer token, or component token + authorizer_appid)', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { accessToken } = await f.authorize(account.appId);
    const set = await f.wx.post('/cgi-bin/component/set_authorizer_option', { option_name: 'location_report', option_value: '2' }, { access_token: accessToken });
    expect(set).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await f.wx.post('/cgi-bin/component/get_authorizer_option', { option_name: 'location_report' }, { access_token: accessToken })).toEqual({
      option_name: 'location_report',
      option_value: '2',
    });
    const viaComponent = await f.wx.post(
      '/cgi-bin/component/get_authorizer_option',
      { option_name: 'location_report', authorizer_appid: account.appId },
      { access_token: await f.componentToken() },
    );
    expect(viaComponent['option_value']).toBe('2');
    expect((await f.wx.post('/cgi-bin/component/get_authorizer_option', { option_name: 'x' }, { access_token: accessToken })).errcode).toBe(61012);
    expect((await f.wx.post('/cgi-bin/component/get_authorizer_option', { option_name: 'x' }, {})).errcode).toBe(41001);
  });
});

describe('quota', () => {
  it('clears quotas with each variant, refuses a foreign appid (40013) and the 11th clear in a month (48006)', async () => {
    const fresh = await startFixture({ seedAccounts: false });
    try {
      const token = await fresh.componentToken();
      const id = fresh.sandbox.componentAppId;
      const legacy = () => fresh.wx.post('/cgi-bin/component/clear_quota', { component_appid: id }, { component_access_token: token });
      const generic = (appId: string) => fresh.wx.post('/cgi-bin/clear_quota', { appid: appId }, { access_token: token });
      const v2 = () => fresh.wx.post('/cgi-bin/component/clear_quota/v2', { component_appid: id, appsecret: fresh.sandbox.componentAppSecret });
      expect(await legacy()).toEqual({ errcode: 0, errmsg: 'ok' });
      expect((await generic('wx0000000000000000')).errcode).toBe(40013);
      expect(await generic(id)).toEqual({ errcode: 0, errmsg: 'ok' });
      expect((await fresh.wx.post('/cgi-bin/component/clear_quota/v2', { component_appid: id, appsecret: 'bad' })).errcode).toBe(40125);
      for (let i = 0; i < 8; i++) expect((await v2()).errcode).toBe(0);
      expect((await v2()).errcode).toBe(48006);
    } finally {
      await fresh.stop();
    }
  });

  it('reports daily use of a path (openapi/quota/get); unknown paths answer 76021', async () => {
    const token = await f.componentToken();
    const answer = await f.wx.post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/component/api_component_token' }, { access_token: token });
    expect(answer.errcode).toBe(0);
    const quota = answer['quota'] as { daily_limit: number; used: number; remain: number };
    expect(quota.daily_limit).toBe(10_000);
    expect(quota.used).toBeGreaterThan(0);
    expect(quota.remain).toBe(quota.daily_limit - quota.used);
    expect((await f.wx.post('/cgi-bin/openapi/quota/get', { cgi_path: '/nope' }, { access_token: token })).errcode).toBe(76021);
  });

  it('answers 45009 once the daily quota of a path is used, until the quota is cleared', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    const { accessToken } = await f.authorize(account.appId);
    for (let i = 0; i < 10_000; i++) f.sandbox.sandbox.usage.count(account.appId, '/cgi-bin/menu/get');
    const refused = await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken });
    expect(refused.errcode).toBe(45009);
    expect(refused.errmsg).toMatch(/^reach max api daily quota limit rid: /);
    expect(await f.wx.post('/cgi-bin/clear_quota', { appid: account.appId }, { access_token: accessToken })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken })).errcode).toBeUndefined();
  });

  it('an authorizer clears its own quota with its token', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { accessToken } = await f.authorize(account.appId);
    expect(await f.wx.post('/cgi-bin/clear_quota', { appid: account.appId }, { access_token: accessToken })).toEqual({ errcode: 0, errmsg: 'ok' });
    const v2 = await f.wx.post('/cgi-bin/component/clear_quota/v2', { component_appid: appid, appsecret: secret, appid: account.appId });
    expect(v2).toEqual({ errcode: 0, errmsg: 'ok' });
  });
});
