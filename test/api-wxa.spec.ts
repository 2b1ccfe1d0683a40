import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeTemplateLibrary, ComponentService, type AuthorizerClient, type WeChatFile } from 'nestjs-wechat-component';
import { readJpegStamp } from '../apps/sandbox/src/index.js';
import { errcodeOf, startApiWorld, type ApiWorld } from './support/api-platform.js';

// wxa (code, audit, release, gray, visit, domains, testers, privacy, codes, login) and the code-template library.
const PAGES = ['pages/index/index', 'pages/menu/menu', 'pages/order/order', 'pages/about/about'];
const ITEM = { address: 'pages/index/index', tag: '点餐 咖啡', first_class: '工具', second_class: '效率', first_id: 287, second_id: 616, title: '首页' };
const stampOf = async (file: WeChatFile) => readJpegStamp(await file.toBuffer());

describe('mini programs managed by the platform', () => {
  let world: ApiWorld;
  let library: CodeTemplateLibrary;
  let mp: AuthorizerClient;
  let templateId: number;

  async function approve(client: AuthorizerClient, version: string): Promise<number> {
    await client.wxa.code.commit(templateId, {}, version, `version ${version}`);
    const auditId = await client.wxa.audit.submitAudit({ item_list: [ITEM] });
    const decision = await world.sandbox.client.decideAudit(client.appId, { decision: 'approve' });
    expect(decision).toMatchObject({ auditid: auditId, status: 0, push: { ok: true } });
    return auditId;
  }

  beforeAll(async () => {
    world = await startApiWorld();
    library = world.platform.get(CodeTemplateLibrary);
    mp = await world.authorized('mini_program');
  });
  afterAll(() => world.stop());

  it('code templates: developer uploads are drafts, drafts become templates, templates can be deleted', async () => {
    const seeded = await library.getTemplateDraftList();
    expect(seeded).toEqual([expect.objectContaining({ draft_id: 0, user_version: '1.0.0', source_miniprogram: '沙盒开发小程序' })]);
    const { draftId } = await world.sandbox.client.uploadCodeDraft({ userVersion: '2.0.0', userDesc: '点餐 2.0', sourceAppId: 'wx0000000000dev002', pages: PAGES, privacyKeys: ['UserInfo'] });
    expect((await library.getTemplateDraftList()).map((draft) => draft.draft_id)).toEqual([0, draftId]);
    await library.addToTemplate(0);
    await library.addToTemplate(draftId);
    const templates = await library.getTemplateList();
    expect(templates.map((template) => template.user_version)).toEqual(['1.0.0', '2.0.0']);
    expect(templates[1]).toMatchObject({ template_type: 0, draft_id: draftId, source_miniprogram_appid: 'wx0000000000dev002' });
    expect(await library.getTemplateList(1)).toEqual([]);
    expect(await errcodeOf(library.addToTemplate(99))).toBe(85064);
    await library.deleteTemplate(templates[0]!.template_id);
    expect(await errcodeOf(library.deleteTemplate(templates[0]!.template_id))).toBe(85064);
    templateId = templates[1]!.template_id;
  });

  it('release flow: commit → experience QR code → submit audit → weapp_audit_success pushed → release', async () => {
    expect(await errcodeOf(mp.wxa.code.getPage())).toBe(86001);
    expect(await errcodeOf(mp.wxa.audit.submitAudit())).toBe(85086);
    expect(await errcodeOf(mp.wxa.code.commit(999, {}, '1.0.0', 'x'))).toBe(85014);
    expect(await errcodeOf(mp.wxa.code.commit(templateId, { pages: ['pages/secret/secret'] }, '1.0.0', 'x'))).toBe(85045);
    expect(await errcodeOf(mp.wxa.code.commit(templateId, '{not json', '1.0.0', 'x'))).toBe(85048);
    expect(await errcodeOf(mp.wxa.code.commit(templateId, { pages: PAGES.slice(0, 2), tabBar: { list: [{ pagePath: 'pages/order/order' }] } }, '1.0.0', 'x'))).toBe(85046);
    const ext = { extAppid: mp.appId, ext: { shopId: '42' }, pages: PAGES.slice(0, 3), tabBar: { list: [{ pagePath: 'pages/index/index' }, { pagePath: 'pages/menu/menu' }] } };
    await mp.wxa.code.commit(templateId, ext, '1.0.0', '首个版本');
    expect(await mp.wxa.code.getPage()).toEqual(PAGES.slice(0, 3));
    expect(await mp.wxa.code.getCategory()).toContainEqual({ first_class: '工具', second_class: '效率', first_id: 287, second_id: 616 });
    const trial = await mp.wxa.code.getQrcode('pages/menu/menu?table=1');
    expect(trial.contentType).toBe('image/jpeg');
    expect(await stampOf(trial)).toMatchObject({ kind: 'trial', appid: mp.appId, path: 'pages/menu/menu?table=1', user_version: '1.0.0' });

    expect(await errcodeOf(mp.wxa.audit.submitAudit({ item_list: [{ ...ITEM, address: 'pages/about/about' }] }))).toBe(85007);
    expect(await errcodeOf(mp.wxa.audit.submitAudit({ item_list: [{ ...ITEM, second_id: 1 }] }))).toBe(85008);
    const quota = await mp.wxa.audit.queryQuota();
    const auditId = await mp.wxa.audit.submitAudit({ item_list: [ITEM], version_desc: '首发' });
    expect((await mp.wxa.audit.queryQuota()).rest).toBe(quota.rest - 1);
    expect(await errcodeOf(mp.wxa.audit.submitAudit({ item_list: [ITEM] }))).toBe(85009);
    expect(await mp.wxa.audit.getAuditStatus(auditId)).toMatchObject({ status: 2 });
    expect(await mp.wxa.audit.getLatestAuditStatus()).toMatchObject({ auditid: auditId, status: 2, user_version: '1.0.0', user_desc: '首个版本' });
    expect(await errcodeOf(mp.wxa.release.release())).toBe(85019);
    await mp.wxa.audit.speedUpAudit(auditId);
    expect(await errcodeOf(mp.wxa.audit.speedUpAudit(auditId))).toBe(89404);
    expect((await mp.wxa.audit.queryQuota()).speedup_rest).toBe(quota.speedup_rest - 1);

    const decision = await world.sandbox.client.decideAudit(mp.appId, { decision: 'approve' });
    expect(decision).toMatchObject({ auditid: auditId, status: 0, push: { ok: true, status: 200 } });
    const event = await world.events.waitFor((e) => e.appId === mp.appId && e.event === 'weapp_audit_success');
    expect(event).toMatchObject({ msgType: 'event', event: 'weapp_audit_success', successTime: expect.any(Number) });
    expect(await mp.wxa.audit.getAuditStatus(auditId)).toMatchObject({ status: 0 });

    await mp.wxa.release.release();
    expect(await errcodeOf(mp.wxa.release.release())).toBe(85020);
    expect(await mp.wxa.code.getVersionInfo()).toMatchObject({ exp_info: { exp_version: '1.0.0' }, release_info: { release_version: '1.0.0', release_desc: '首个版本' } });
    expect(await world.sandbox.client.miniProgram(mp.appId)).toMatchObject({ release: { userVersion: '1.0.0' }, latestAudit: { auditid: auditId, status: 0 } });
  });

  it('visit status and mini-program codes follow the released version', async () => {
    expect(await mp.wxa.release.getVisitStatus()).toBe(1);
    await mp.wxa.release.changeVisitStatus(true);
    expect(await mp.wxa.release.getVisitStatus()).toBe(0);
    expect(await errcodeOf(mp.wxa.release.changeVisitStatus(true))).toBe(85021);
    await mp.wxa.release.changeVisitStatus(false);

    const unlimited = await mp.wxa.codes.getWxaCodeUnlimited('table=7', { page: 'pages/menu/menu', width: 280 });
    expect(await stampOf(unlimited)).toEqual({ kind: 'wxacodeunlimit', appid: mp.appId, scene: 'table=7', page: 'pages/menu/menu', env_version: 'release' });
    expect(await errcodeOf(mp.wxa.codes.getWxaCodeUnlimited('x', { page: 'pages/about/about' }))).toBe(41030);
    await expect(mp.wxa.codes.getWxaCodeUnlimited('x', { page: 'pages/about/about', check_path: false })).resolves.toBeDefined();
    expect(await errcodeOf(mp.wxa.codes.getWxaCodeUnlimited('a'.repeat(33)))).toBe(40169);
    expect(await stampOf(await mp.wxa.codes.getWxaCode('pages/order/order?id=1'))).toMatchObject({ kind: 'wxacode', path: 'pages/order/order?id=1' });
    expect(await stampOf(await mp.wxa.codes.createQrcode('pages/index/index', 300))).toMatchObject({ kind: 'wxaqrcode', width: 300 });
    expect(await errcodeOf(mp.wxa.codes.getWxaCode(''))).toBe(40159);
    expect((await world.sandbox.client.miniProgram(mp.appId)).limitedCodes).toBe(2);
  });

  it('a rejected audit, a withdrawal, a phased release and a rollback', async () => {
    await mp.wxa.code.commit(templateId, {}, '1.1.0', '被拒的版本');
    const rejected = await mp.wxa.audit.submitAudit({ item_list: [ITEM] });
    await world.sandbox.client.decideAudit(mp.appId, { decision: 'reject', reason: '1:页面内容不完整' });
    const failed = await world.events.waitFor((e) => e.appId === mp.appId && e.event === 'weapp_audit_fail');
    expect(failed).toMatchObject({ reason: '1:页面内容不完整', failTime: expect.any(Number) });
    expect(await mp.wxa.audit.getAuditStatus(rejected)).toMatchObject({ status: 1, reason: '1:页面内容不完整' });
    expect(await errcodeOf(mp.wxa.release.release())).toBe(85020);

    await mp.wxa.code.commit(templateId, {}, '1.1.1', '撤回的版本');
    const withdrawn = await mp.wxa.audit.submitAudit({ item_list: [ITEM] });
    await mp.wxa.audit.undoCodeAudit();
    expect(await mp.wxa.audit.getAuditStatus(withdrawn)).toMatchObject({ status: 3 });
    expect(await errcodeOf(mp.wxa.audit.undoCodeAudit())).toBe(85019);
    await expect(world.sandbox.client.decideAudit(mp.appId, { decision: 'approve' })).rejects.toMatchObject({ status: 409 });

    await approve(mp, '1.2.0');
    await mp.wxa.release.grayRelease(10);
    expect(await mp.wxa.release.getGrayReleasePlan()).toMatchObject({ status: 1, gray_percentage: 10 });
    expect(await errcodeOf(mp.wxa.release.grayRelease(5))).toBe(85082);
    expect(await errcodeOf(mp.wxa.release.grayRelease(101))).toBe(85081);
    await mp.wxa.release.grayRelease(50, { supportExperiencerFirst: true });
    expect(await errcodeOf(mp.wxa.release.revertCodeRelease())).toBe(87011);
    await mp.wxa.release.revertGrayRelease();
    expect((await mp.wxa.release.getGrayReleasePlan()).status).toBe(4);
    await mp.wxa.release.release();
    expect((await mp.wxa.code.getVersionInfo()).release_info?.release_version).toBe('1.2.0');
    expect(await mp.wxa.release.getHistoryVersion()).toEqual([expect.objectContaining({ user_version: '1.0.0', app_version: expect.any(Number) })]);
    await mp.wxa.release.revertCodeRelease();
    expect((await mp.wxa.code.getVersionInfo()).release_info?.release_version).toBe('1.0.0');
    expect(await errcodeOf(mp.wxa.release.revertCodeRelease())).toBe(87012);
  });

  it('server and web-view domains, testers, the privacy guide', async () => {
    const set = await mp.wxa.settings.modifyDomain('set', { requestdomain: ['https://api.example.com', 'http://insecure.example.com'], wsrequestdomain: ['wss://ws.example.com'] });
    expect(set).toMatchObject({ requestdomain: ['https://api.example.com'], wsrequestdomain: ['wss://ws.example.com'], uploaddomain: [] });
    await mp.wxa.settings.modifyDomain('add', { requestdomain: ['https://api2.example.com'] });
    await mp.wxa.settings.modifyDomain('delete', { requestdomain: ['https://api.example.com'] });
    expect((await mp.wxa.settings.modifyDomain('get')).requestdomain).toEqual(['https://api2.example.com']);
    expect(await errcodeOf(mp.wxa.settings.modifyDomain('add', { requestdomain: ['ftp://x.example.com'] }))).toBe(85017);

    await mp.wxa.settings.setWebviewDomain('set', ['https://h5.example.com']);
    expect(await errcodeOf(mp.wxa.settings.setWebviewDomain('set', ['https://h5.example.com']))).toBe(89019);
    await mp.wxa.settings.setWebviewDomain('add', ['https://m.example.com']);
    expect((await mp.wxa.settings.setWebviewDomain('get')).webviewdomain).toEqual(['https://h5.example.com', 'https://m.example.com']);

    const userstr = await mp.wxa.settings.bindTester('tester_001');
    expect(userstr).toMatch(/^[0-9a-f]{64}$/);
    expect(await errcodeOf(mp.wxa.settings.bindTester('tester_001'))).toBe(85004);
    expect(await errcodeOf(mp.wxa.settings.bindTester('1bad'))).toBe(85001);
    await mp.wxa.settings.bindTester('tester_002');
    expect(await mp.wxa.settings.listTesters()).toEqual([{ userstr }, expect.objectContaining({ userstr: expect.any(String) })]);
    await mp.wxa.settings.unbindTester('tester_002');
    await mp.wxa.settings.unbindTester({ userstr });
    expect(await mp.wxa.settings.listTesters()).toEqual([]);

    const mediaId = await mp.wxa.privacy.uploadPrivacyExtFile({ content: Buffer.from('补充说明'), filename: 'privacy.txt' });
    expect(mediaId).toEqual(expect.any(String));
    expect(await errcodeOf(mp.wxa.privacy.uploadPrivacyExtFile({ content: Buffer.from('x'), filename: 'privacy.pdf' }))).toBe(40005);
    await mp.wxa.privacy.setPrivacySetting({
      owner_setting: { contact_email: 'dpo@example.com', notice_method: '弹窗', ext_file_media_id: mediaId },
      setting_list: [{ privacy_key: 'UserInfo', privacy_text: '用于展示头像' }, { privacy_key: 'Location', privacy_text: '用于推荐门店' }],
    });
    expect(await errcodeOf(mp.wxa.privacy.setPrivacySetting({ owner_setting: { notice_method: 'x' }, setting_list: [{ privacy_key: 'Nope', privacy_text: 'x' }] }))).toBe(47003);
    const guide = await mp.wxa.privacy.getPrivacySetting();
    expect(guide).toMatchObject({
      code_exist: 1,
      privacy_list: ['UserInfo'],
      owner_setting: { contact_email: 'dpo@example.com', notice_method: '弹窗' },
      setting_list: [{ privacy_key: 'UserInfo', privacy_text: '用于展示头像', privacy_label: expect.any(String) }, expect.objectContaining({ privacy_key: 'Location' })],
    });
    expect(guide.privacy_desc.privacy_desc_list.length).toBeGreaterThan(10);
    expect((await mp.wxa.privacy.getPrivacySetting(1)).setting_list).toEqual([]);
  });

  it('login: jscode2session with the component token, from the client and from ComponentService', async () => {
    const { jsCode, openid } = await world.sandbox.client.createJsCode(mp.appId, { user: 'wangwu' });
    const session = await mp.oauth.jscode2session(jsCode);
    expect(session).toEqual({ openid, session_key: expect.any(String), unionid: expect.any(String) });
    expect(await errcodeOf(mp.oauth.jscode2session(jsCode))).toBe(40163);
    const second = await world.sandbox.client.createJsCode(mp.appId);
    expect((await world.platform.get(ComponentService).getComponentOAuth(mp.appId).jscode2session(second.jsCode)).openid).toBe(second.openid);
    const call = (await world.sandbox.client.calls({ path: '/sns/component/jscode2session', limit: 10 }))[0]!;
    expect(call.query).toMatchObject({ appid: mp.appId, grant_type: 'authorization_code', component_appid: world.sandbox.componentAppId });
    expect(call.query).toHaveProperty('component_access_token');
  });

  it('needs 开发管理 (61007) and a mini program (48001)', async () => {
    const limited = await world.authorized('mini_program', [17, 19]);
    expect(await errcodeOf(limited.wxa.code.getCategory())).toBe(61007);
    const oa = await world.authorized('official_account');
    expect(await errcodeOf(oa.wxa.audit.queryQuota())).toBe(48001);
  });
});
