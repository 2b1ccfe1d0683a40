import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizerClientFactory,
  AuthorizerNotFoundError,
  AuthorizerReauthorizationRequiredError,
  AuthorizerRevokedError,
  ComponentService,
  ComponentVerifyTicketMissingError,
  isAuthorizationEvent,
  WeChatApiError,
} from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { authorizeOnPage, connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';

const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';
const COMPONENT_TOKEN = '/cgi-bin/component/api_component_token';
const QUERY_AUTH = '/cgi-bin/component/api_query_auth';

async function callCount(sandbox: RunningSandbox, path: string, appId?: string): Promise<number> {
  return (await sandbox.client.calls({ path, appId, limit: 1000 })).length;
}

describe('the whole flow on the sandbox: ticket → tokens → authorization → API calls → revocation', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  let component: ComponentService;
  let clients: AuthorizerClientFactory;
  let appId: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    appId = (await sandbox.client.createAccount({ type: 'official_account', nickName: '测试公众号', menu: true })).appId;
    platform = await startPlatform(sandbox);
    component = platform.get(ComponentService);
    clients = platform.get(AuthorizerClientFactory);
    await connect(sandbox, platform);
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  it('stores the pushed ticket and fetches the component token with it', async () => {
    expect(await component.getHealth()).toMatchObject({ ticket: true, componentToken: false, store: 'memory' });
    const token = await component.getAccessToken();
    expect((await sandbox.client.summary()).componentToken?.token).toBe(token);
    expect(await component.getAccessToken()).toBe(token);
    expect(await callCount(sandbox, COMPONENT_TOKEN)).toBe(1);
    expect((await component.getHealth()).componentToken).toBe(true);
  });

  it('authorizes an account through the authorization page, the push and the redirect sharing one exchange', async () => {
    const url = await component.getAuthorizationUrl(`${platform.url}/callback?from=test`);
    expect(url).toMatch(new RegExp(`^${sandbox.mpBaseUrl}/cgi-bin/componentloginpage\\?component_appid=${sandbox.componentAppId}&pre_auth_code=`));

    const redirect = await authorizeOnPage(url, appId);
    expect(redirect.origin + redirect.pathname).toBe(`${platform.url}/callback`);
    expect(redirect.searchParams.get('from')).toBe('test');
    expect(redirect.searchParams.get('expires_in')).toBe('600');

    const pushed = await platform.recorder.waitFor(isAuthorizationEvent);
    expect(pushed).toMatchObject({ infoType: 'authorized', authorizerAppId: appId, authorization: { authorizerAppId: appId } });

    const fromRedirect = await component.queryAuth(redirect.searchParams.get('auth_code')!);
    expect(fromRedirect.authorizerAppId).toBe(appId);
    expect(fromRedirect.funcScopeIds.length).toBeGreaterThan(0);
    expect(await callCount(sandbox, QUERY_AUTH)).toBe(1);

    const stored = await component.getAuthorizer(appId);
    expect(stored).toMatchObject({ appId, status: 'authorized' });
    expect(stored!.refreshToken).toBe((await sandbox.client.getAccount(appId)).refreshToken);
  });

  it('refuses an empty authorization code without calling WeChat', async () => {
    await expect(component.queryAuth('')).rejects.toMatchObject({ code: 'AUTHORIZATION_CODE_MISSING' });
    expect(await callCount(sandbox, QUERY_AUTH)).toBe(1);
  });

  it('calls an authorizer API with the token from query auth, without refreshing it', async () => {
    const client = await clients.getClient(appId);
    const menu = await client.menu.get();
    expect(menu.menu.button.length).toBeGreaterThan(0);
    expect(await callCount(sandbox, AUTHORIZER_TOKEN)).toBe(0);
  });

  it('refreshes once and retries once when WeChat rejects the token (40001)', async () => {
    await sandbox.client.invalidateAuthorizerToken(appId);
    const client = await clients.getClient(appId);
    await expect(client.menu.get()).resolves.toHaveProperty('menu');
    expect(await callCount(sandbox, AUTHORIZER_TOKEN)).toBe(1);
    const menuCalls = await sandbox.client.calls({ path: '/cgi-bin/menu/get', limit: 10 });
    expect(menuCalls.slice(-2).map((call) => call.errcode ?? 0)).toEqual([40001, 0]);
  });

  it('shares one refresh among 30 concurrent calls on an expired token (42001)', async () => {
    await sandbox.client.expireAuthorizerToken(appId);
    const before = await callCount(sandbox, AUTHORIZER_TOKEN);
    const client = await clients.getClient(appId);
    const menus = await Promise.all(Array.from({ length: 30 }, () => client.menu.get()));
    expect(menus).toHaveLength(30);
    expect((await callCount(sandbox, AUTHORIZER_TOKEN)) - before).toBe(1);
  });

  it('shares one component token refresh among 30 concurrent calls', async () => {
    await sandbox.client.expireComponentToken();
    const before = await callCount(sandbox, COMPONENT_TOKEN);
    const answers = await Promise.all(Array.from({ length: 30 }, () => component.getAuthorizerInfo(appId)));
    expect(answers.every((answer) => answer.authorization_info.authorizer_appid === appId)).toBe(true);
    expect((await callCount(sandbox, COMPONENT_TOKEN)) - before).toBe(1);
  });

  it('never retries more than once when the fresh token is rejected too', async () => {
    await sandbox.client.injectFault({ path: '/cgi-bin/menu/get', errcode: 40001, times: 2 });
    const client = await clients.getClient(appId);
    const error = await client.menu.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 40001, path: '/cgi-bin/menu/get' });
    expect((error as Error).message).not.toMatch(/access_token=/);
    await sandbox.client.clearFaults();
  });

  it('forgets an account that revokes: tokens deleted, marked revoked, calls refused without calling WeChat', async () => {
    await sandbox.client.revoke(appId);
    await platform.recorder.waitFor((event) => event.infoType === 'unauthorized');
    const record = await component.getAuthorizer(appId);
    expect(record?.status).toBe('revoked');
    expect(record?.refreshToken).toBeUndefined();
    const before = (await sandbox.client.calls({ limit: 1000 })).length;
    await expect(clients.getClient(appId)).rejects.toBeInstanceOf(AuthorizerRevokedError);
    await expect(clients.getClient('wx0000000000000000')).rejects.toBeInstanceOf(AuthorizerNotFoundError);
    expect((await sandbox.client.calls({ limit: 1000 })).length).toBe(before);
    const listed = [];
    for await (const authorizer of component.listAuthorizers()) listed.push(authorizer);
    expect(listed).toEqual([expect.objectContaining({ appId, status: 'revoked', accessTokenExpiresAt: null })]);
  });
});

describe('refresh tokens: recovery, rotation, revocation found by WeChat', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  let component: ComponentService;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ rotateRefreshTokens: true });
    platform = await startPlatform(sandbox);
    component = platform.get(ComponentService);
    await connect(sandbox, platform);
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  async function authorizedAccount(): Promise<string> {
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    await component.queryAuth((await sandbox.client.authorize(appId, { push: false })).authorizationCode);
    return appId;
  }

  it('saves the rotated refresh token of every refresh', async () => {
    const appId = await authorizedAccount();
    await component.refreshAuthorizerToken(appId);
    const current = (await sandbox.client.getAccount(appId)).refreshToken;
    expect((await component.getAuthorizer(appId))?.refreshToken).toBe(current);
    await component.refreshAuthorizerToken(appId);
    expect((await component.getAuthorizer(appId))?.refreshToken).toBe((await sandbox.client.getAccount(appId)).refreshToken);
  });

  it('never overwrites a good refresh token with a failed refresh', async () => {
    const appId = await authorizedAccount();
    const good = (await component.getAuthorizer(appId))?.refreshToken;
    await sandbox.client.injectFault({ path: AUTHORIZER_TOKEN, errcode: -1, appId, times: 1 });
    await expect(component.refreshAuthorizerToken(appId)).rejects.toMatchObject({ errcode: -1 });
    expect((await component.getAuthorizer(appId))?.refreshToken).toBe(good);
    await component.refreshAuthorizerToken(appId);
  });

  it('recovers from 61023 with the refresh token WeChat holds for the account (api_get_authorizer_info)', async () => {
    const appId = await authorizedAccount();
    const { refreshToken: listed } = await sandbox.client.staleRefreshToken(appId);
    await component.refreshAuthorizerToken(appId);
    const record = await component.getAuthorizer(appId);
    expect(record?.status).toBe('authorized');
    expect([listed, (await sandbox.client.getAccount(appId)).refreshToken]).toContain(record?.refreshToken);
    expect((await sandbox.client.calls({ path: '/cgi-bin/component/api_get_authorizer_info' })).length).toBeGreaterThan(0);
  });

  it('marks the account reauthorization_required when WeChat has no better refresh token', async () => {
    const appId = await authorizedAccount();
    await sandbox.client.injectFault({ path: AUTHORIZER_TOKEN, errcode: 61023, appId });
    await expect(component.refreshAuthorizerToken(appId)).rejects.toBeInstanceOf(AuthorizerReauthorizationRequiredError);
    expect((await component.getAuthorizer(appId))?.status).toBe('reauthorization_required');
    await sandbox.client.clearFaults();
  });

  it('marks the account revoked when WeChat answers 61003', async () => {
    const appId = await authorizedAccount();
    await sandbox.client.revoke(appId, { push: false });
    await expect(component.refreshAuthorizerToken(appId)).rejects.toBeInstanceOf(AuthorizerRevokedError);
    expect((await component.getAuthorizer(appId))?.status).toBe('revoked');
  });
});

describe('before the first ticket', () => {
  it('fails fast with a typed error, asks WeChat to push a ticket, and works once it arrives', async () => {
    const sandbox = await startTestSandbox({ pushTicketOnStart: false });
    const platform = await startPlatform(sandbox);
    try {
      sandbox.setPushTargets({ eventUrl: platform.eventsUrl });
      const component = platform.get(ComponentService);
      await expect(component.createPreAuthCode()).rejects.toBeInstanceOf(ComponentVerifyTicketMissingError);
      expect(await callCount(sandbox, COMPONENT_TOKEN)).toBe(0);
      await platform.recorder.waitFor((event) => event.infoType === 'component_verify_ticket');
      expect(await callCount(sandbox, '/cgi-bin/component/api_start_push_ticket')).toBe(1);
      await expect(component.createPreAuthCode()).resolves.toMatchObject({ expires_in: 600 });
    } finally {
      await platform.close();
      await sandbox.stop();
    }
  });
});
