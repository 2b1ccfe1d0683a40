import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../testing/fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const REDIRECT = 'https://platform.example.com/wechat/authorized?from=page';

async function preAuthCode(): Promise<string> {
  const answer = await f.wx.post(
    '/cgi-bin/component/api_create_preauthcode',
    { component_appid: f.sandbox.componentAppId },
    { component_access_token: await f.componentToken() },
  );
  return answer['pre_auth_code'] as string;
}

async function open(path: string, params: Record<string, string>): Promise<{ status: number; html: string }> {
  const url = new URL(path, f.sandbox.mpBaseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await fetch(url);
  return { status: response.status, html: await response.text() };
}

async function submit(path: string, fields: [string, string][]): Promise<Response> {
  return fetch(new URL(path, f.sandbox.mpBaseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

const radios = (html: string): string[] => [...html.matchAll(/<input type="radio" name="appid" id="account-(wx[0-9a-f]{16})"/g)].map((m) => m[1]!);

describe('the authorization page', () => {
  it('lists official accounts and mini programs with radio buttons and the 授权 button', async () => {
    const { status, html } = await open('/cgi-bin/componentloginpage', {
      component_appid: f.sandbox.componentAppId,
      pre_auth_code: await preAuthCode(),
      redirect_uri: REDIRECT,
      auth_type: '3',
    });
    expect(status).toBe(200);
    expect(html).toContain('<button type="submit" id="authorize">授权 (Authorize)</button>');
    expect(html).toContain('沙盒咖啡馆');
    expect(html).toContain('旅行清单');
    const all = (await f.sandbox.client.listAccounts()).items.filter((a) => a.testGroup === undefined).map((a) => a.appId);
    expect(radios(html)).toEqual(all);
    expect(html).toMatch(/<input type="checkbox" name="func" value="15" checked>/);
  });

  it('honours auth_type 1 and 2 and biz_appid', async () => {
    const base = { component_appid: f.sandbox.componentAppId, redirect_uri: REDIRECT };
    const accounts = (await f.sandbox.client.listAccounts()).items;
    const oas = radios((await open('/cgi-bin/componentloginpage', { ...base, pre_auth_code: await preAuthCode(), auth_type: '1' })).html);
    expect(oas.length).toBeGreaterThan(0);
    expect(oas.every((id) => accounts.find((a) => a.appId === id)?.type === 'official_account')).toBe(true);
    const mps = radios((await open('/safe/bindcomponent', { ...base, pre_auth_code: await preAuthCode(), auth_type: '2', action: 'bindcomponent', no_scan: '1' })).html);
    expect(mps.every((id) => accounts.find((a) => a.appId === id)?.type === 'mini_program')).toBe(true);
    const one = accounts.find((a) => a.type === 'mini_program')!.appId;
    const biz = await open('/wxaopen/safe/bindcomponent', { ...base, pre_auth_code: await preAuthCode(), biz_appid: one });
    expect(radios(biz.html)).toEqual([one]);
    expect(biz.html).toContain('name="viewport"');
  });

  it.each([
    ['a wrong component', { component_appid: 'wx0000000000000000' }, '61011'],
    ['an unknown pre_auth_code', { pre_auth_code: 'preauthcode@@@nope' }, '61009'],
    ['a missing redirect_uri', { redirect_uri: '' }, 'redirect_uri'],
    ['a bad auth_type', { auth_type: '9' }, 'auth_type'],
    ['an unknown biz_appid', { biz_appid: 'wx0000000000000000' }, 'biz_appid'],
  ])('shows an error page for %s', async (_name, override, code) => {
    const params = { component_appid: f.sandbox.componentAppId, pre_auth_code: await preAuthCode(), redirect_uri: REDIRECT, auth_type: '3', ...override };
    const { status, html } = await open('/cgi-bin/componentloginpage', params);
    expect(status).toBe(400);
    expect(html).toContain(`id="error" data-code="${code}"`);
  });

  it('shows an error page for an expired pre_auth_code', async () => {
    const code = await preAuthCode();
    f.advance(601_000);
    const { html } = await open('/cgi-bin/componentloginpage', { component_appid: f.sandbox.componentAppId, pre_auth_code: code, redirect_uri: REDIRECT });
    expect(html).toContain('data-code="61010"');
  });
});

describe('submitting the page', () => {
  it('authorizes, pushes authorized, redirects with auth_code and expires_in=600, and uses up the pre_auth_code', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account', nickName: '页面授权测试号' });
    const code = await preAuthCode();
    const fields: [string, string][] = [
      ['component_appid', f.sandbox.componentAppId],
      ['pre_auth_code', code],
      ['redirect_uri', REDIRECT],
      ['auth_type', '1'],
      ['biz_appid', ''],
      ['func_selection', '1'],
      ['appid', account.appId],
      ['func', '1'],
      ['func', '15'],
      ['func', '19'],
    ];
    const response = await submit('/cgi-bin/componentloginpage', fields);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://platform.example.com/wechat/authorized');
    expect(location.searchParams.get('from')).toBe('page');
    expect(location.searchParams.get('expires_in')).toBe('600');
    const authCode = location.searchParams.get('auth_code')!;
    expect(authCode).toMatch(/^queryauthcode@@@/);
    const pushed = f.receiver.received.at(-1)!;
    expect(pushed.message).toMatchObject({ InfoType: 'authorized', AuthorizerAppid: account.appId, AuthorizationCode: authCode, PreAuthCode: code });
    expect((await f.sandbox.client.getAccount(account.appId)).funcIds).toEqual([1, 15]);

    const again = await submit('/cgi-bin/componentloginpage', fields);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('data-code="61009"');

    const answer = await f.wx.post(
      '/cgi-bin/component/api_query_auth',
      { component_appid: f.sandbox.componentAppId, authorization_code: authCode },
      { component_access_token: await f.componentToken() },
    );
    expect((answer['authorization_info'] as { func_info: unknown[] }).func_info).toEqual([{ funcscope_category: { id: 1 } }, { funcscope_category: { id: 15 } }]);
  });

  it('re-authorizing through the mobile page pushes updateauthorized and makes the old refresh token stale', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'mini_program' });
    const { refreshToken: old } = await f.sandbox.client.authorize(account.appId, { push: false });
    const response = await submit('/safe/bindcomponent', [
      ['component_appid', f.sandbox.componentAppId],
      ['pre_auth_code', await preAuthCode()],
      ['redirect_uri', REDIRECT],
      ['auth_type', '2'],
      ['appid', account.appId],
    ]);
    expect(response.status).toBe(302);
    expect(f.receiver.received.at(-1)!.message['InfoType']).toBe('updateauthorized');
    const detail = await f.sandbox.client.getAccount(account.appId);
    expect(detail.refreshToken).not.toBe(old);
    expect(detail.funcIds).toContain(19);
  });

  it('refuses an account outside auth_type or unticking every permission, without using the code', async () => {
    const mp = (await f.sandbox.client.listAccounts({ type: 'mini_program' })).items[0]!.appId;
    const oa = await f.seeded('official_account');
    const code = await preAuthCode();
    const base: [string, string][] = [
      ['component_appid', f.sandbox.componentAppId],
      ['pre_auth_code', code],
      ['redirect_uri', REDIRECT],
      ['auth_type', '1'],
    ];
    const wrongType = await submit('/cgi-bin/componentloginpage', [...base, ['appid', mp]]);
    expect(await wrongType.text()).toContain('data-code="account"');
    const noFunc = await submit('/cgi-bin/componentloginpage', [...base, ['appid', oa], ['func_selection', '1']]);
    expect(await noFunc.text()).toContain('data-code="func"');
    const ok = await submit('/cgi-bin/componentloginpage', [...base, ['appid', oa]]);
    expect(ok.status).toBe(302);
  });
});
