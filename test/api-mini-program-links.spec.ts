import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthorizerClient, type WxaPrivacyApplyEvent } from 'nestjs-wechat-component';
import { errcodeOf, startApiWorld, type ApiWorld } from './support/api-platform.js';
import { authorizedAccount, releaseMiniProgram } from './support/platform-apis.js';

// Privacy interfaces (with the wxa_privacy_apply push), domains set directly, URL Scheme / URL Link / Short Link,
// subscription templates, phone numbers.
describe('mini-program privacy interfaces, direct domains, links, subscription templates, phone numbers', () => {
  let world: ApiWorld;
  let mp: AuthorizerClient;

  beforeAll(async () => {
    world = await startApiWorld();
    mp = await authorizedAccount(world, { type: 'mini_program', nickName: '沙盒点餐', principalName: '沙盒科技有限公司' });
  });
  afterAll(() => world.stop());

  it('links need a released version; then generated, queried, and refused for pages that are not released', async () => {
    expect(await errcodeOf(mp.link.generateScheme())).toBe(85079);
    expect(await errcodeOf(mp.link.generateUrlLink({ path: 'pages/index/index' }))).toBe(85079);
    expect(await errcodeOf(mp.link.generateShortLink({ pageUrl: 'pages/index/index' }))).toBe(85079);
    await releaseMiniProgram(world, mp);

    const { openlink } = await mp.link.generateScheme({ path: 'pages/menu/menu', query: 'table=7', expiry: { expireIntervalDays: 7 } });
    expect(openlink).toMatch(/^weixin:\/\/dl\/business\/\?t=/);
    const scheme = await mp.link.queryScheme(openlink);
    expect(scheme.scheme_info).toMatchObject({ appid: mp.appId, path: 'pages/menu/menu', query: 'table=7', env_version: 'release' });
    expect(scheme.scheme_info.expire_time - scheme.scheme_info.create_time).toBe(7 * 86_400);
    expect(await errcodeOf(mp.link.generateScheme({ path: 'pages/secret/secret' }))).toBe(40165);
    expect(await errcodeOf(mp.link.generateScheme({ query: 'a b' }))).toBe(40212);
    expect(await errcodeOf(mp.link.generateScheme({ expiry: { expireIntervalDays: 31 } }))).toBe(85401);

    const { url_link: urlLink } = await mp.link.generateUrlLink({ path: 'pages/order/order', envVersion: 'release' });
    expect(urlLink).toMatch(/^https:\/\/wxaurl\.cn\//);
    expect((await mp.link.queryUrlLink(urlLink)).url_link_info).toMatchObject({ path: 'pages/order/order', appid: mp.appId });
    expect(await errcodeOf(mp.link.queryUrlLink('https://wxaurl.cn/unknown'))).toBe(40097);

    const { link } = await mp.link.generateShortLink({ pageUrl: 'pages/index/index?from=sms', pageTitle: '首页', permanent: true });
    expect(link).toMatch(/^#小程序:\/\/沙盒点餐\/首页\//);
    expect(await errcodeOf(mp.link.generateShortLink({ pageUrl: 'pages/nowhere/nowhere' }))).toBe(40165);

    // Another mini program cannot read this one's links.
    const other = await authorizedAccount(world, { type: 'mini_program' });
    expect(await errcodeOf(other.link.queryScheme(openlink))).toBe(40097);
  });

  it('privacy interfaces: the code check lists the ungranted interface; an application is granted by push (wxa_privacy_apply)', async () => {
    // The seeded template uses the Location privacy key: wx.getLocation and friends need permission.
    expect((await mp.privacyInterface.getCodePrivacyInfo()).without_auth_list).toContain('wx.getLocation');
    const listed = (await mp.privacyInterface.list()).interface_list.find((api) => api.api_name === 'wx.getLocation');
    expect(listed).toMatchObject({ status: 1 });

    const { audit_id: auditId } = await mp.privacyInterface.apply({ apiName: 'wx.getLocation', content: '门店导航需要用户的位置' });
    expect((await mp.privacyInterface.list()).interface_list.find((api) => api.api_name === 'wx.getLocation')).toMatchObject({ status: 3, audit_id: auditId });
    expect(await errcodeOf(mp.privacyInterface.apply({ apiName: 'wx.getLocation', content: '再次申请' }))).toBe(40097);
    expect(await errcodeOf(mp.privacyInterface.apply({ apiName: 'wx.unknownApi', content: '…' }))).toBe(40097);

    expect(await world.sandbox.client.decidePrivacyInterface(mp.appId, { decision: 'grant' })).toMatchObject({ status: 5, push: { ok: true } });
    const event = (await world.events.waitFor((e) => e.appId === mp.appId && e.event === 'wxa_privacy_apply')) as WxaPrivacyApplyEvent;
    expect(event).toMatchObject({ apiName: 'wx.getLocation', auditId, status: 1 });
    expect((await mp.privacyInterface.getCodePrivacyInfo()).without_auth_list).not.toContain('wx.getLocation');

    const fresh = await authorizedAccount(world, { type: 'mini_program' });
    expect(await errcodeOf(fresh.privacyInterface.getCodePrivacyInfo())).toBe(86001);
  });

  it('domains set directly: refused server domains are listed; a business domain needs the confirm file; personal mini programs cannot', async () => {
    const servers = await mp.domain.modifyDomainDirectly('add', { requestdomain: ['https://api.example.com', 'http://plain.example.com'], uploaddomain: ['https://up.example.com'] });
    expect(servers).toMatchObject({ requestdomain: ['https://api.example.com'], uploaddomain: ['https://up.example.com'], invalid_requestdomain: ['http://plain.example.com'] });
    expect((await mp.domain.modifyDomainDirectly('get')).requestdomain).toEqual(['https://api.example.com']);
    // The same lists as wxa/modify_domain.
    expect((await mp.wxa.modifyDomain('get')).requestdomain).toEqual(['https://api.example.com']);
    expect(await errcodeOf(mp.domain.modifyDomainDirectly('add', { requestdomain: ['ftp://x.example.com'] }))).toBe(85017);

    const file = await mp.domain.getWebviewConfirmFile();
    expect(file).toEqual({ file_name: expect.stringMatching(/\.txt$/), file_content: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(await errcodeOf(mp.domain.setWebviewDomainDirectly('add', ['https://h5.example.com']))).toBe(86103);
    await world.sandbox.client.serveConfirmFile({ domain: 'h5.example.com', appId: mp.appId });
    await mp.domain.setWebviewDomainDirectly('add', ['https://h5.example.com']);
    expect(await mp.domain.setWebviewDomainDirectly('get')).toEqual({ webviewdomain: ['https://h5.example.com'] });

    const personal = await authorizedAccount(world, { type: 'mini_program', principalName: '个人' });
    expect(await errcodeOf(personal.domain.setWebviewDomainDirectly('add', ['https://h5.example.com']))).toBe(89231);
  });

  it('subscription templates: categories, public titles and keywords, add, list, delete; the errcodes of bad arguments', async () => {
    const categories = await mp.subscribeTemplate.getCategory();
    expect(categories).toContainEqual({ id: 221, name: '点餐平台' });
    const titles = await mp.subscribeTemplate.getPublicTitles([221], 0, 10);
    expect(titles.count).toBe(2);
    expect(titles.data[0]).toMatchObject({ tid: 1001, title: '订单发货提醒', categoryId: '221' });
    const keywords = await mp.subscribeTemplate.getPublicKeywords(1001);
    expect(keywords.data.map((k) => k.kid)).toEqual([1, 2, 3, 4]);

    const priTmplId = await mp.subscribeTemplate.addTemplate(1001, [1, 3], '发货通知');
    expect(await mp.subscribeTemplate.getTemplates()).toEqual([expect.objectContaining({ priTmplId, title: '订单发货提醒', type: 2 })]);
    await mp.subscribeTemplate.deleteTemplate(priTmplId);
    expect(await mp.subscribeTemplate.getTemplates()).toEqual([]);
    expect(await errcodeOf(mp.subscribeTemplate.deleteTemplate(priTmplId))).toBe(40037);

    expect(await errcodeOf(mp.subscribeTemplate.getPublicTitles([]))).toBe(200018);
    expect(await errcodeOf(mp.subscribeTemplate.getPublicTitles([999]))).toBe(200019);
    expect(await errcodeOf(mp.subscribeTemplate.getPublicTitles([221], 0, 31))).toBe(200017);
    expect(await errcodeOf(mp.subscribeTemplate.getPublicKeywords(42))).toBe(200014);
    expect(await errcodeOf(mp.subscribeTemplate.addTemplate(1001, [1]))).toBe(200020);
    expect(await errcodeOf(mp.subscribeTemplate.addTemplate(1001, [1, 2], '这是一个远远超过十五个字的场景描述文字'))).toBe(200021);

    // Official accounts use them for 订阅通知 too.
    const oa = await authorizedAccount(world, { type: 'official_account' });
    expect(await oa.subscribeTemplate.getCategory()).not.toHaveLength(0);
  });

  it('phone numbers: a code of the button gives the number once; a used, foreign or unknown code is 40029', async () => {
    const { code } = await world.sandbox.client.phoneCode(mp.appId, { phone: '13912345678' });
    expect(await mp.phoneNumber.getPhoneNumber(code)).toEqual({
      phoneNumber: '13912345678',
      purePhoneNumber: '13912345678',
      countryCode: '86',
      watermark: { timestamp: expect.any(Number), appid: mp.appId },
    });
    expect(await errcodeOf(mp.phoneNumber.getPhoneNumber(code))).toBe(40029);
    const other = await authorizedAccount(world, { type: 'mini_program' });
    const { code: foreign } = await world.sandbox.client.phoneCode(other.appId);
    expect(await errcodeOf(mp.phoneNumber.getPhoneNumber(foreign))).toBe(40029);
  });
});
