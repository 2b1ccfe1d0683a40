import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizerClientFactory,
  ComponentService,
  isComponentEventType,
  isFastRegisterEvent,
  type AuthorizerClient,
  type ComponentClient,
} from 'nestjs-wechat-component';
import { errcodeOf, startApiWorld, type ApiWorld } from './support/api-platform.js';
import { authorizedAccount } from './support/platform-apis.js';

// Fast registration: the new enterprise flow from the task to an authorized mini program the platform calls; the
// personal and beta flows; a mini program registered with an official account's principal.
const CREDIT_CODE = '91440300MA5FKN7B3J';

/** The applicant opens `authorizeUrl` and presses a button of the page, as in WeChat. */
async function actOnPage(authorizeUrl: string, decision: 'approve' | 'refuse'): Promise<string> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  expect(page.status).toBe(200);
  expect(html).toContain('id="confirm"');
  const taskId = /name="taskid" value="([^"]+)"/.exec(html)![1]!;
  const answer = await fetch(authorizeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ taskid: taskId, decision }),
  });
  expect(answer.status).toBe(200);
  return (await answer.text()).match(/data-appid="([^"]*)"/)![1]!;
}

describe('fast registration', () => {
  let world: ApiWorld;
  let component: ComponentClient;
  let factory: AuthorizerClientFactory;

  beforeAll(async () => {
    world = await startApiWorld();
    component = world.platform.get(ComponentService).client;
    factory = world.platform.get(AuthorizerClientFactory);
  });
  afterAll(() => world.stop());

  it('enterprise (new flow): task → the applicant confirms at authorize_url → notify_third_fasteregister → an authorized mini program the platform calls', async () => {
    const task = await component.fastRegistration.createEnterpriseTask({ name: '沙盒科技有限公司', code: CREDIT_CODE, componentPhone: '0755-8888888' });
    expect(task).toEqual({ taskid: expect.stringMatching(/^[0-9a-f]{32}$/), authorize_url: expect.stringContaining('/wxopen/fastregister/verify?taskid='), status: 0 });
    expect(await component.fastRegistration.queryEnterpriseTask(task.taskid)).toMatchObject({ taskid: task.taskid, status: 0, authorize_url: task.authorize_url });

    // One task per principal at a time; a malformed code and an unknown task are refused.
    expect(await errcodeOf(component.fastRegistration.createEnterpriseTask({ name: '沙盒科技有限公司', code: CREDIT_CODE, componentPhone: '1' }))).toBe(89249);
    expect(await errcodeOf(component.fastRegistration.createEnterpriseTask({ name: '另一家公司', code: '123', componentPhone: '1' }))).toBe(89255);
    expect(await errcodeOf(component.fastRegistration.queryEnterpriseTask('0'.repeat(32)))).toBe(89250);
    // The old flow (no new_version) is offline: WeChat wants the new parameters.
    expect(await errcodeOf(component.post('/wxa/component/fastregisterenterpriseweapp', { name: 'x', code: CREDIT_CODE, component_phone: '1' }, { action: 'create' }))).toBe(89253);

    const appId = await actOnPage(task.authorize_url, 'approve');
    const event = await world.platform.recorder.waitFor((e) => isFastRegisterEvent(e) && e.appId === appId);
    expect(event).toMatchObject({ infoType: 'notify_third_fasteregister', status: 0, authCode: expect.stringMatching(/^queryauthcode@@@/), message: 'OK' });
    expect(isFastRegisterEvent(event) && event.authorization).toMatchObject({ authorizerAppId: appId, funcScopeIds: expect.arrayContaining([17, 18, 30]) });
    expect(isFastRegisterEvent(event) && event.info).toMatchObject({ name: '沙盒科技有限公司', code: CREDIT_CODE, component_phone: '0755-8888888' });
    expect(await component.fastRegistration.queryEnterpriseTask(task.taskid)).toMatchObject({ status: 12, appid: appId });

    // The platform acts for the new mini program at once (the module exchanged the pushed code).
    const mp = await factory.getClient(appId);
    expect(await mp.basicInfo.getAccountBasicInfo()).toMatchObject({ appid: appId, principal_name: '沙盒科技有限公司' });
    expect((await world.platform.get(ComponentService).getAuthorizer(appId))?.status).toBe('authorized');
    // A task is used once.
    expect((await fetch(task.authorize_url)).status).toBe(400);
  });

  it('personal: refused by the user → a failure push and status 11; confirmed → a mini program', async () => {
    const refused = await component.fastRegistration.createPersonalTask({ idname: '张三', wxuser: 'zhangsan_wx', componentPhone: '13800000000' });
    await world.sandbox.client.completeRegistrationTask(refused.taskid, { decision: 'refuse', status: 100002 });
    const failure = await world.platform.recorder.waitFor((e) => isFastRegisterEvent(e) && e.status === 100002);
    expect(failure).toMatchObject({ appId: '', info: { wxuser: 'zhangsan_wx', idname: '张三' } });
    expect(await component.fastRegistration.queryPersonalTask(refused.taskid)).toMatchObject({ status: 11 });
    expect(await errcodeOf(component.fastRegistration.queryEnterpriseTask(refused.taskid))).toBe(89250);
    expect(await errcodeOf(component.fastRegistration.createPersonalTask({ idname: '李四', wxuser: '1bad', componentPhone: '1' }))).toBe(86004);

    const task = await component.fastRegistration.createPersonalTask({ idname: '李四', wxuser: 'lisi_wx', componentPhone: '13800000000' });
    const appId = await actOnPage(task.authorize_url, 'approve');
    await world.platform.recorder.waitFor((e) => isFastRegisterEvent(e) && e.appId === appId && e.authorization !== undefined);
    expect((await factory.getClient(appId)).appId).toBe(appId);
  });

  it('beta (试用小程序): created for a user, pushed as notify_third_fastregisterbetaapp + authorized; renamed and verified as a company', async () => {
    expect(await errcodeOf(component.fastRegistration.createBetaMiniProgram({ name: '微信小店', openid: 'o123' }))).toBe(86011);
    const beta = await component.fastRegistration.createBetaMiniProgram({ name: '小麦烤鸡店', openid: 'oK8Yg5YaUM-axuE_vVZmV_oIZxxx' });
    expect(beta.authorize_url).toContain('/wxawap/fastregistertpbeta?action=show&create_token=');
    const appId = await actOnPage(beta.authorize_url, 'approve');
    const created = await world.platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_third_fastregisterbetaapp') && e.appId === appId);
    expect(created).toMatchObject({ status: 0, uniqueId: beta.unique_id, name: '小麦烤鸡店' });
    await world.platform.recorder.waitFor((e) => e.infoType === 'authorized' && (e as { authorizerAppId?: string }).authorizerAppId === appId);

    const mp = await factory.getClient(appId);
    await mp.registration.setBetaMiniProgramName('烤鸡小铺');
    expect((await mp.basicInfo.getAccountBasicInfo()).nickname).toBe('烤鸡小铺的体验小程序');
    expect(await errcodeOf(mp.registration.setBetaMiniProgramName('腾讯烤鸡'))).toBe(86011);
    expect(await errcodeOf(mp.registration.verifyBetaMiniProgram({ enterpriseName: '烤鸡有限公司', code: 'bad', componentPhone: '1' }))).toBe(89255);
    await mp.registration.verifyBetaMiniProgram({ enterpriseName: '烤鸡有限公司', code: CREDIT_CODE, componentPhone: '1' });
    expect(await mp.basicInfo.getAccountBasicInfo()).toMatchObject({ principal_name: '烤鸡有限公司', wx_verify_info: { qualification_verify: true } });
    // No longer a trial mini program.
    expect(await errcodeOf(mp.registration.setBetaMiniProgramName('烤鸡小铺'))).toBe(91020);
  });

  it('reusing an official account: the administrator agrees on fastregisterauth → ticket → account/fastregister → the mini program is exchanged and called', async () => {
    const oa = await authorizedAccount(world, { type: 'official_account', principalName: '沙盒咖啡有限公司', verifyTypeId: 0 });
    const authUrl = oa.registration.getFastRegisterAuthUrl('https://platform.example/fastregister');
    expect(new URL(authUrl).searchParams.get('component_appid')).toBe(world.sandbox.componentAppId);
    const redirect = await fetch(authUrl, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const ticket = new URL(redirect.headers.get('location')!).searchParams.get('ticket')!;

    const registered = await oa.registration.registerMiniProgram(ticket);
    expect(registered).toMatchObject({ appid: expect.stringMatching(/^wx/), authorization_code: expect.stringMatching(/^queryauthcode@@@/), is_link_succ: true });
    expect(await errcodeOf(oa.registration.registerMiniProgram(ticket))).toBe(61058);

    const mp: AuthorizerClient = await factory.getClientByAuthorizationCode(registered.authorization_code);
    expect(mp.appId).toBe(registered.appid);
    expect(await mp.basicInfo.getAccountBasicInfo()).toMatchObject({ principal_name: '沙盒咖啡有限公司' });

    // An unverified official account may not.
    const unverified = await authorizedAccount(world, { type: 'official_account', verifyTypeId: -1 });
    const location = (await fetch(unverified.registration.getFastRegisterAuthUrl('https://platform.example/r'), { redirect: 'manual' })).headers.get('location')!;
    expect(await errcodeOf(unverified.registration.registerMiniProgram(new URL(location).searchParams.get('ticket')!))).toBe(61052);
  });
});
