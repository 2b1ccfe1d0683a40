import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentEventService, ComponentService, InvalidPushError, isUnauthorizedEvent } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { signedEventPush } from './support/push.js';

describe('ComponentService against the sandbox: options, lists, links, quota, OAuth', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  let component: ComponentService;
  let appIds: string[];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox);
    component = platform.get(ComponentService);
    await connect(sandbox, platform);
    appIds = [];
    for (const type of ['official_account', 'official_account', 'mini_program'] as const) {
      const { appId } = await sandbox.client.createAccount({ type });
      await component.queryAuth((await sandbox.client.authorize(appId, { push: false })).authorizationCode);
      appIds.push(appId);
    }
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  it('reads authorizer info, with MiniProgramInfo for mini programs only', async () => {
    const official = await component.getAuthorizerInfo(appIds[0]!);
    expect(official.authorization_info.authorizer_appid).toBe(appIds[0]);
    expect(official.authorizer_info.user_name).toMatch(/^gh_/);
    expect(official.authorizer_info.MiniProgramInfo).toBeUndefined();
    expect((await component.getAuthorizerInfo(appIds[2]!)).authorizer_info.MiniProgramInfo).toBeDefined();
  });

  it('gets and sets authorizer options', async () => {
    await expect(component.setAuthorizerOption(appIds[0]!, 'voice_recognize', '1')).resolves.toBeUndefined();
    await expect(component.getAuthorizerOption(appIds[0]!, 'voice_recognize')).resolves.toMatchObject({ option_value: '1' });
    await expect(component.setAuthorizerOption(appIds[0]!, 'voice_recognize', '7')).rejects.toMatchObject({ errcode: 61013 });
  });

  it('pages through the authorizer list WeChat keeps', async () => {
    const page = await component.getAuthorizerList(0, 2);
    expect(page.total_count).toBe(3);
    expect(page.list).toHaveLength(2);
    const all = [];
    for await (const item of component.iterateAuthorizerList(2)) all.push(item.authorizer_appid);
    expect(all.sort()).toEqual([...appIds].sort());
  });

  it('lists what it stores, with token expiries', async () => {
    const stored = [];
    for await (const authorizer of component.listAuthorizers()) stored.push(authorizer);
    expect(stored.map((a) => a.appId).sort()).toEqual([...appIds].sort());
    expect(stored.every((a) => a.status === 'authorized' && (a.accessTokenExpiresAt ?? 0) > Date.now())).toBe(true);
  });

  it('builds the PC and mobile authorization links the sandbox accepts', async () => {
    const pc = new URL(await component.getAuthorizationUrl('https://example.com/cb?a=1&b=2', { authType: 2, categoryIdList: [17, 18] }));
    expect(pc.pathname).toBe('/cgi-bin/componentloginpage');
    expect(Object.fromEntries(pc.searchParams)).toMatchObject({ redirect_uri: 'https://example.com/cb?a=1&b=2', auth_type: '2', category_id_list: '17|18' });
    const mobile = await component.getMobileAuthorizationUrl('https://example.com/cb', { bizAppId: appIds[0] });
    expect(mobile).toMatch(/\/safe\/bindcomponent\?action=bindcomponent&no_scan=1&component_appid=.*&biz_appid=.*#wechat_redirect$/);
    const page = await fetch(mobile.replace('#wechat_redirect', ''));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(appIds[0]);
    await expect(component.getAuthorizationUrl('https://example.com', { authType: 1, bizAppId: appIds[0] })).rejects.toThrow(/mutually exclusive/);
  });

  it('asks for a ticket push and clears quotas', async () => {
    const before = platform.recorder.events.filter((e) => e.infoType === 'component_verify_ticket').length;
    await component.startPushTicket();
    await platform.recorder.waitFor(() => platform.recorder.events.filter((e) => e.infoType === 'component_verify_ticket').length > before);
    await expect(component.clearQuota()).resolves.toBeUndefined();
    await expect(component.clearQuotaWithSecret(appIds[0])).resolves.toBeUndefined();
    const calls = await sandbox.client.calls({ path: '/cgi-bin/clear_quota' });
    expect(calls.at(-1)?.query).toHaveProperty('access_token');
  });

  it('runs web OAuth on behalf of an official account: consent, code → user token, refresh, user info', async () => {
    const oauth = component.getComponentOAuth(appIds[0]!);
    const authorizeUrl = oauth.getAuthorizeUrl('https://example.com/oauth', { scope: 'snsapi_userinfo', state: 'xyz' });
    expect(authorizeUrl).toMatch(new RegExp(`^${sandbox.openBaseUrl}/connect/oauth2/authorize\\?appid=${appIds[0]}&.*component_appid=${sandbox.componentAppId}#wechat_redirect$`));
    const consent = await (await fetch(authorizeUrl.replace('#wechat_redirect', ''))).text();
    const form = new URLSearchParams([...consent.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m): [string, string] => [m[1]!, m[2]!.replaceAll('&amp;', '&')]));
    form.set('decision', 'allow');
    const approved = await fetch(`${sandbox.openBaseUrl}/connect/oauth2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const redirect = new URL(approved.headers.get('location')!);
    expect(redirect.searchParams.get('state')).toBe('xyz');

    const token = await oauth.fetchAccessToken(redirect.searchParams.get('code')!);
    expect(token).toMatchObject({ scope: 'snsapi_userinfo', openid: expect.any(String), refresh_token: expect.any(String) });
    await expect(oauth.fetchAccessToken(redirect.searchParams.get('code')!)).rejects.toMatchObject({ errcode: expect.any(Number) });
    const renewed = await oauth.refreshAccessToken(token.refresh_token);
    expect(renewed.openid).toBe(token.openid);
    const user = await oauth.getUserInfo(renewed.access_token, renewed.openid);
    expect(user).toMatchObject({ openid: token.openid, nickname: expect.any(String) });
  });
});

describe('routing the authorization event URL yourself (webhook: false)', () => {
  it('handles and parses pushes through ComponentEventService, with the same checks', async () => {
    const sandbox = await startTestSandbox({ pushTicketOnStart: false });
    const platform = await startPlatform(sandbox, { webhook: false });
    try {
      expect((await fetch(platform.eventsUrl, { method: 'POST' })).status).toBe(404);
      const component = platform.get(ComponentService);
      const componentEvents = platform.get(ComponentEventService);
      const credentials = { componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey };
      const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
      const xml = `<xml><AppId><![CDATA[${sandbox.componentAppId}]]></AppId><CreateTime>1700000000</CreateTime><InfoType><![CDATA[unauthorized]]></InfoType><AuthorizerAppid><![CDATA[${appId}]]></AuthorizerAppid></xml>`;
      const push = signedEventPush(credentials, xml);
      const query = Object.fromEntries(push.query);

      const parsed = componentEvents.parse(push.body, query);
      expect(isUnauthorizedEvent(parsed) && parsed.authorizerAppId).toBe(appId);
      expect(await component.getAuthorizer(appId)).toBeUndefined();

      const handled = await componentEvents.handle(push.body, query);
      expect(handled.infoType).toBe('unauthorized');
      expect((await component.getAuthorizer(appId))?.status).toBe('revoked');
      expect(platform.recorder.events.map((e) => e.infoType)).toEqual(['unauthorized']);

      const refused = await componentEvents.handle(push.body, { ...query, msg_signature: 'f'.repeat(40) }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(InvalidPushError);
      expect(refused).toMatchObject({ status: 401 });
    } finally {
      await platform.close();
      await sandbox.stop();
    }
  });
});
