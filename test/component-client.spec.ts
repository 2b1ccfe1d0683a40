import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizerClientFactory,
  AuthorizerRevokedError,
  ComponentService,
  isUnauthorizedEvent,
  WeChatApiError,
  WeChatComponentError,
  type AuthorizerClient,
  type ComponentClient,
} from 'nestjs-wechat-component';
import { errcodeOf, startApiWorld, type ApiWorld } from './support/api-platform.js';
import { authorizedAccount } from './support/platform-apis.js';

// The component's own client (component token on the one request path), diagnosis with the right token
// (explainError on a real failed call), the quota view with the clear_quota budget, and importing authorizations.
async function failureOf(call: Promise<unknown>): Promise<WeChatApiError> {
  const error = await call.catch((e: unknown) => e);
  if (!(error instanceof WeChatApiError)) throw new Error(`expected a WeChatApiError, got ${String(error)}`);
  return error;
}

describe('the component client, diagnosis, quotas and imported authorizations', () => {
  let world: ApiWorld;
  let service: ComponentService;
  let component: ComponentClient;
  let factory: AuthorizerClientFactory;
  let mp: AuthorizerClient;

  beforeAll(async () => {
    world = await startApiWorld();
    service = world.platform.get(ComponentService);
    component = service.client;
    factory = world.platform.get(AuthorizerClientFactory);
    mp = await authorizedAccount(world, { type: 'mini_program', principalName: '沙盒科技有限公司' });
  });
  afterAll(() => world.stop());

  const tokenFetches = async () => (await world.sandbox.client.calls({ path: '/cgi-bin/component/api_component_token', limit: 1000 })).length;

  it('platform domains: server domains, jump domains that must serve the confirm file, the file', async () => {
    const servers = await component.domain.modifyServerDomain('add', ['api.example.com', 'not a domain'], { publishedTogether: true });
    expect(servers).toEqual({ published_wxa_server_domain: 'api.example.com', testing_wxa_server_domain: 'api.example.com', invalid_wxa_server_domain: 'not a domain' });
    expect(await component.domain.modifyServerDomain('get')).toEqual({ published_wxa_server_domain: 'api.example.com', testing_wxa_server_domain: 'api.example.com' });

    const file = await component.domain.getConfirmFile();
    expect(file.file_name).toMatch(/\.txt$/);
    expect(await component.domain.modifyJumpDomain('add', ['h5.example.com'])).toMatchObject({ testing_wxa_jump_h5_domain: '', invalid_wxa_jump_h5_domain: 'h5.example.com' });
    await world.sandbox.client.serveConfirmFile({ domain: 'h5.example.com' });
    expect(await component.domain.modifyJumpDomain('add', ['h5.example.com'])).toEqual({ published_wxa_jump_h5_domain: '', testing_wxa_jump_h5_domain: 'h5.example.com' });
  });

  it('a component token WeChat rejects is dropped and the call retried once with a new one', async () => {
    await component.domain.getConfirmFile();
    const before = await tokenFetches();
    await world.sandbox.client.invalidateComponentToken();
    expect(await component.domain.modifyServerDomain('get')).toMatchObject({ testing_wxa_server_domain: 'api.example.com' });
    expect(await tokenFetches()).toBe(before + 1);
    // Any component-token API the module does not wrap goes the same way.
    expect(await component.post('/cgi-bin/component/get_domain_confirmfile', {})).toMatchObject({ errcode: 0, file_name: expect.any(String) });
  });

  it('WeChatApiError carries the rid and the account; explainError asks WeChat with that account token', async () => {
    // An authorizer's call.
    const failed = await failureOf(mp.icp.cancelApply());
    expect(failed).toMatchObject({ errcode: 40097, appId: mp.appId, path: '/wxa/icp/cancel_apply_icp_filing' });
    expect(failed.rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(failed.errmsg).toContain(failed.rid);
    const explained = await service.explainError(failed);
    expect(explained.request).toMatchObject({ request_url: expect.stringContaining('/wxa/icp/cancel_apply_icp_filing'), response_body: expect.stringContaining('40097') });
    expect(explained.request.request_url).not.toMatch(/access_token=\d+_[A-Za-z0-9_-]{16}/);

    // The platform's own call: explained with the component token.
    const own = await failureOf(component.fastRegistration.queryEnterpriseTask('0'.repeat(32)));
    expect(own.appId).toBe(world.sandbox.componentAppId);
    expect((await service.explainError(own)).request.request_body).toContain('0'.repeat(32));

    // Another account's rid is not the platform's to read (76003); a malformed rid is 76002.
    expect(await errcodeOf(service.diagnostics.explainError({ rid: failed.rid! }))).toBe(76003);
    expect(await errcodeOf(service.diagnostics.explainError({ rid: 'nonsense', appId: mp.appId }))).toBe(76002);
    await expect(service.explainError(new WeChatApiError(40001, 'no rid here', '/x'))).rejects.toBeInstanceOf(WeChatComponentError);
  });

  it('quota view: API quotas of an authorizer and of the platform, the audit quota, the clear_quota budget used this month', async () => {
    await mp.message.custom.sendText('o-unknown', 'x').catch(() => undefined);
    const view = await service.getQuotaView({ appId: mp.appId, cgiPaths: ['/cgi-bin/message/custom/send'], auditQuotaVia: mp.appId });
    expect(view.apis['/cgi-bin/message/custom/send']).toMatchObject({ quota: { daily_limit: 500_000, used: expect.any(Number) } });
    expect(view.auditQuota).toMatchObject({ limit: expect.any(Number), rest: expect.any(Number) });
    expect(view.clearQuota).toMatchObject({ appId: mp.appId, used: 0, limit: 10, remaining: 10, approximate: true, month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    const platform = await service.getQuotaView({ cgiPaths: ['/cgi-bin/component/api_component_token'] });
    expect(platform.appId).toBe(world.sandbox.componentAppId);
    expect(platform.apis['/cgi-bin/component/api_component_token']!.quota.used).toBeGreaterThan(0);
    expect(await errcodeOf(service.diagnostics.getApiQuota('/cgi-bin/no/such/api', mp.appId))).toBe(76021);

    await mp.misc.clearQuota();
    await service.diagnostics.clearQuota(mp.appId);
    await service.clearQuota();
    await service.client.clearQuotaWithSecret(mp.appId); // every reset path counts, the client's own included
    expect((await service.diagnostics.getClearQuotaBudget(mp.appId)).used).toBe(3);
    expect((await service.diagnostics.getClearQuotaBudget()).used).toBe(1);

    // Resets made elsewhere are not seen — until WeChat refuses one with 48006: then the budget is spent.
    await world.sandbox.client.injectFault({ path: '/cgi-bin/clear_quota', errcode: 48006, times: 1 });
    expect(await errcodeOf(mp.misc.clearQuota())).toBe(48006);
    expect(await service.diagnostics.getClearQuotaBudget(mp.appId)).toMatchObject({ used: 10, remaining: 0 });
  });

  it('importAuthorization: a refresh token the caller holds becomes a client; a given access token is used as is', async () => {
    const { accounts } = await world.sandbox.client.createAccounts({ count: 2, type: 'official_account', authorize: true });
    const [first, second] = accounts.map((a) => ({ appId: a.appId, refreshToken: a.refreshToken! })) as [{ appId: string; refreshToken: string }, { appId: string; refreshToken: string }];

    const imported = await factory.importAuthorization({ appId: first.appId, refreshToken: first.refreshToken });
    expect((await imported.misc.getWechatIps()).length).toBeGreaterThan(0);
    expect(await service.getAuthorizer(first.appId)).toMatchObject({ status: 'authorized', refreshToken: first.refreshToken, lastEventAt: 0 });

    // An access token the caller holds is stored and used: no api_authorizer_token call for it.
    const token = await component.post<{ authorizer_access_token: string; expires_in: number }>('/cgi-bin/component/api_authorizer_token', {
      component_appid: world.sandbox.componentAppId,
      authorizer_appid: second.appId,
      authorizer_refresh_token: second.refreshToken,
    });
    const refreshes = async () => (await world.sandbox.client.calls({ path: '/cgi-bin/component/api_authorizer_token', appId: second.appId })).length;
    const before = await refreshes();
    const withToken = await factory.importAuthorization({ appId: second.appId, refreshToken: second.refreshToken, accessToken: token.authorizer_access_token, expiresIn: token.expires_in });
    await withToken.misc.getWechatIps();
    expect(await refreshes()).toBe(before);
    expect(await withToken.getAccessToken()).toBe(token.authorizer_access_token);

    await expect(factory.importAuthorization({ appId: second.appId, refreshToken: 'x', accessToken: 'y' })).rejects.toMatchObject({ code: 'IMPORT_INVALID' });
  });

  it('importAuthorization never overwrites what the platform knows: a newer refresh token stays, a revoked account stays revoked', async () => {
    const oa = await authorizedAccount(world, { type: 'official_account' });
    const stored = (await service.getAuthorizer(oa.appId))!;
    const client = await factory.importAuthorization({ appId: oa.appId, refreshToken: 'refreshtoken@@@an-old-one-from-another-database' });
    expect(await service.getAuthorizer(oa.appId)).toMatchObject({ refreshToken: stored.refreshToken, version: stored.version });
    await client.misc.getWechatIps();

    await world.sandbox.client.revoke(oa.appId);
    await world.platform.recorder.waitFor((event) => isUnauthorizedEvent(event) && event.authorizerAppId === oa.appId);
    await expect(factory.importAuthorization({ appId: oa.appId, refreshToken: stored.refreshToken! })).rejects.toBeInstanceOf(AuthorizerRevokedError);
    expect((await service.getAuthorizer(oa.appId))?.status).toBe('revoked');
  });
});
