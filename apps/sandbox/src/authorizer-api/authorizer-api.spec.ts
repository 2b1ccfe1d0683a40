import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RID, startFixture, type Fixture } from '../testing/fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { name: '菜单', sub_button: [{ type: 'view', name: '搜索', url: 'http://www.soso.com/' }] },
  ],
};

describe('menu', () => {
  it('a seeded official account has a menu; create replaces it; delete removes it (46003 after)', async () => {
    const oa = await f.seeded('official_account');
    const { accessToken } = await f.authorize(oa);
    const seeded = await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken });
    expect((seeded['menu'] as { button: unknown[] }).button.length).toBeGreaterThan(0);
    expect(await f.wx.post('/cgi-bin/menu/create', MENU, { access_token: accessToken })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken })).toEqual({
      menu: {
        button: [
          { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] },
          { name: '菜单', sub_button: [{ type: 'view', name: '搜索', url: 'http://www.soso.com/', sub_button: [] }] },
        ],
      },
    });
    expect(await f.wx.get('/cgi-bin/menu/delete', { access_token: accessToken })).toEqual({ errcode: 0, errmsg: 'ok' });
    const gone = await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken });
    expect(gone.errcode).toBe(46003);
    expect(gone.errmsg).toMatch(/^menu no exist rid: /);
    expect(gone.errmsg).toMatch(RID);
  });

  it('a new account has no menu (46003)', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { accessToken } = await f.authorize(account.appId);
    expect((await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken })).errcode).toBe(46003);
  });

  it.each([
    ['no buttons', { button: [] }, 40016],
    ['four buttons', { button: Array.from({ length: 4 }, () => ({ type: 'click', name: 'a', key: 'k' })) }, 40016],
    ['bad type', { button: [{ type: 'dance', name: 'a', key: 'k' }] }, 40017],
    ['long name', { button: [{ type: 'click', name: '一二三四五六', key: 'k' }] }, 40018],
    ['missing key', { button: [{ type: 'click', name: 'a' }] }, 40019],
    ['six sub buttons', { button: [{ name: 'a', sub_button: Array.from({ length: 6 }, () => ({ type: 'click', name: 'b', key: 'k' })) }] }, 40023],
    ['bad url', { button: [{ type: 'view', name: 'a', url: 'javascript:alert(1)' }] }, 40055],
    ['empty body', {}, 44002],
  ])('create refuses %s (%i) and keeps the old menu', async (_name, body, errcode) => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    const { accessToken } = await f.authorize(account.appId);
    expect((await f.wx.post('/cgi-bin/menu/create', body, { access_token: accessToken })).errcode).toBe(errcode);
    expect((await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken })).errcode).toBeUndefined();
  });

  it('is not an API of mini programs (48001) and needs the menu permission set (61007)', async () => {
    const mp = await f.sandbox.client.createAccount({ type: 'mini_program' });
    const { accessToken: mpToken } = await f.authorize(mp.appId);
    expect((await f.wx.get('/cgi-bin/menu/get', { access_token: mpToken })).errcode).toBe(48001);
    const oa = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    const { accessToken } = await f.authorize(oa.appId, [1, 2]);
    const denied = await f.wx.get('/cgi-bin/menu/get', { access_token: accessToken });
    expect(denied.errcode).toBe(61007);
    expect(denied.errmsg).toMatch(/^api is unauthorized to component rid: /);
  });
});

describe('authorizer token checks', () => {
  const get = (token?: string) => f.wx.get('/cgi-bin/menu/get', token === undefined ? {} : { access_token: token });

  it('41001 missing, 40014 malformed, 40001 unknown, 40001 for a component token', async () => {
    expect((await get()).errcode).toBe(41001);
    expect((await get('%%%')).errcode).toBe(40014);
    expect((await get('84_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).errcode).toBe(40001);
    expect((await get(await f.componentToken())).errcode).toBe(40001);
  });

  it('42001 after the control API expires the token, 40001 after it invalidates it; a refresh fixes both', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    const { accessToken, refreshToken } = await f.authorize(account.appId);
    await f.sandbox.client.expireAuthorizerToken(account.appId);
    expect((await get(accessToken)).errcode).toBe(42001);
    const refreshed = await f.wx.post(
      '/cgi-bin/component/api_authorizer_token',
      { component_appid: f.sandbox.componentAppId, authorizer_appid: account.appId, authorizer_refresh_token: refreshToken },
      { component_access_token: await f.componentToken() },
    );
    const fresh = refreshed['authorizer_access_token'] as string;
    expect((await get(fresh)).errcode).toBeUndefined();
    await f.sandbox.client.invalidateAuthorizerToken(account.appId);
    expect((await get(fresh)).errcode).toBe(40001);
  });

  it('expires at the end of its lifetime', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    const { accessToken } = await f.authorize(account.appId);
    f.advance(7199_000);
    expect((await get(accessToken)).errcode).toBeUndefined();
    f.advance(2_000);
    expect((await get(accessToken)).errcode).toBe(42001);
  });

  it('stops working when the account revokes the platform', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account', menu: true });
    const { accessToken } = await f.authorize(account.appId);
    await f.sandbox.client.revoke(account.appId, { push: false });
    expect((await get(accessToken)).errcode).toBe(40001);
  });
});

describe('message/custom/send', () => {
  it('records text messages per account; the control API lists them', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const { accessToken } = await f.authorize(account.appId);
    const body = { touser: 'oUSER000000000000000000000001', msgtype: 'text', text: { content: '你好' } };
    expect(await f.wx.post('/cgi-bin/message/custom/send', body, { access_token: accessToken })).toEqual({ errcode: 0, errmsg: 'ok' });
    const sent = await f.sandbox.client.customMessages(account.appId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ appId: account.appId, touser: body.touser, msgtype: 'text', content: '你好', body });
  });

  it('works for mini programs with 客服消息管理 and refuses what WeChat refuses', async () => {
    const mp = await f.sandbox.client.createAccount({ type: 'mini_program' });
    const { accessToken } = await f.authorize(mp.appId);
    const send = (body: unknown) => f.wx.post('/cgi-bin/message/custom/send', body, { access_token: accessToken });
    expect((await send({ touser: 'o1', msgtype: 'text', text: { content: 'hi' } })).errcode).toBe(0);
    expect((await send({ msgtype: 'text', text: { content: 'hi' } })).errcode).toBe(40003);
    expect((await send({ touser: 'o1', msgtype: 'news', news: {} })).errcode).toBe(40008);
    expect((await send({ touser: 'o1', msgtype: 'text', text: { content: '' } })).errcode).toBe(44004);
    expect((await send({ touser: 'o1', msgtype: 'text' })).errcode).toBe(47001);
    expect((await send('not json')).errcode).toBe(47001);
    const noCs = await f.sandbox.client.createAccount({ type: 'mini_program' });
    const { accessToken: other } = await f.authorize(noCs.appId, [17, 18]);
    expect((await f.wx.post('/cgi-bin/message/custom/send', { touser: 'o1', msgtype: 'text', text: { content: 'x' } }, { access_token: other })).errcode).toBe(61007);
  });
});
