import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthorizerClient, type WxaCategoryAuditEvent, type WxaNicknameAuditEvent } from 'nestjs-wechat-component';
import { errcodeOf, startApiWorld, type ApiWorld } from './support/api-platform.js';
import { authorizedAccount, nextSecond } from './support/platform-apis.js';

// Mini-program account settings (name with its audit push, head image, introduction, search, categories with their
// audit push, administrator rebinding) and open-platform accounts.
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

describe('mini-program account settings and open-platform accounts', () => {
  let world: ApiWorld;
  let mp: AuthorizerClient;

  beforeAll(async () => {
    world = await startApiWorld();
    mp = await authorizedAccount(world, { type: 'mini_program', nickName: '沙盒点餐', principalName: '沙盒科技有限公司' });
  });
  afterAll(() => world.stop());

  it('basic info, a name set at once, a name audited and approved by push (wxa_nickname_audit)', async () => {
    expect(await mp.basicInfo.getAccountBasicInfo()).toMatchObject({
      appid: mp.appId,
      principal_name: '沙盒科技有限公司',
      nickname_info: { nickname: '沙盒点餐', modify_used_count: 0, modify_quota: 2 },
    });
    expect(await mp.basicInfo.checkNickname('沙盒外卖')).toEqual({ hit_condition: false, wording: '' });
    expect(await mp.basicInfo.checkNickname('沙盒官方点餐')).toMatchObject({ hit_condition: true });
    expect(await errcodeOf(mp.basicInfo.checkNickname('微信点餐'))).toBe(53012);
    expect(await errcodeOf(mp.basicInfo.checkNickname(''))).toBe(53010);

    expect(await mp.basicInfo.setNickname({ nickName: '沙盒外卖' })).toEqual({ wording: '' });
    expect((await mp.basicInfo.getAccountBasicInfo()).nickname).toBe('沙盒外卖');
    expect(await errcodeOf(mp.basicInfo.setNickname({ nickName: '沙盒官方点餐' }))).toBe(40097);
    const { audit_id: auditId } = await mp.basicInfo.setNickname({ nickName: '沙盒官方点餐', license: 'media-of-licence' });
    expect(await mp.basicInfo.queryNickname(auditId!)).toMatchObject({ nickname: '沙盒官方点餐', audit_stat: 1 });
    // Two changes a month.
    expect(await errcodeOf(mp.basicInfo.setNickname({ nickName: '沙盒第三个名字' }))).toBe(53300);

    expect(await world.sandbox.client.decideNicknameAudit(mp.appId, { decision: 'approve' })).toMatchObject({ status: 3, push: { ok: true } });
    const event = (await world.events.waitFor((e) => e.appId === mp.appId && e.event === 'wxa_nickname_audit')) as WxaNicknameAuditEvent;
    expect(event).toMatchObject({ ret: 3, nickname: '沙盒官方点餐' });
    expect(await mp.basicInfo.queryNickname(auditId!)).toMatchObject({ audit_stat: 3 });
    expect((await mp.basicInfo.getAccountBasicInfo()).nickname).toBe('沙盒官方点餐');
    expect(await errcodeOf(mp.basicInfo.queryNickname(1))).toBe(40097);
  });

  it('head image from a temporary image, introduction, search status', async () => {
    const mediaId = (await mp.media.upload('image', { filename: 'logo.jpg', content: JPEG })).media_id!;
    await mp.basicInfo.modifyHeadImage(mediaId);
    expect((await mp.basicInfo.getAccountBasicInfo()).head_image_info).toMatchObject({ head_image_url: expect.stringContaining(mediaId), modify_used_count: 1 });
    expect(await errcodeOf(mp.basicInfo.modifyHeadImage('unknown-media'))).toBe(40007);

    await mp.basicInfo.modifySignature('在线点餐，到店自取');
    expect((await mp.basicInfo.getAccountBasicInfo()).signature_info).toMatchObject({ signature: '在线点餐，到店自取', modify_used_count: 1, modify_quota: 5 });
    expect(await errcodeOf(mp.basicInfo.modifySignature('短'))).toBe(53204);
    expect(await errcodeOf(mp.basicInfo.modifySignature('这里可以代开发票'))).toBe(53201);
    for (let i = 0; i < 4; i++) await mp.basicInfo.modifySignature(`第${i}次修改功能介绍`);
    expect(await errcodeOf(mp.basicInfo.modifySignature('第六次修改功能介绍'))).toBe(53200);

    expect(await mp.basicInfo.getSearchStatus()).toEqual({ status: 0 });
    await mp.basicInfo.changeSearchStatus(true);
    expect(await mp.basicInfo.getSearchStatus()).toEqual({ status: 1 });
  });

  it('categories: the table, a plain one added, a sensitive one audited and rejected by push (wxa_category_audit), fixed and approved', async () => {
    const table = (await mp.category.getAllCategories()).categories_list.categories;
    expect(table).toContainEqual(expect.objectContaining({ id: 305, name: '互联网医院', sensitive_type: 1, father: 304 }));
    expect((await mp.category.getCategory()).categories).toHaveLength(2);

    await mp.category.addCategory([{ first: 287, second: 612 }]);
    expect(await errcodeOf(mp.category.addCategory([{ first: 287, second: 612 }]))).toBe(53304);
    expect(await errcodeOf(mp.category.addCategory([{ first: 287, second: 9999 }]))).toBe(53303);
    expect(await errcodeOf(mp.category.addCategory([{ first: 304, second: 305 }]))).toBe(53311);
    await mp.category.addCategory([{ first: 304, second: 305, certicates: [{ key: '医疗机构执业许可证', value: 'media-1' }] }]);
    expect((await mp.category.getCategory()).categories).toContainEqual(expect.objectContaining({ second: 305, second_name: '互联网医院', audit_status: 1 }));
    expect(await errcodeOf(mp.category.deleteCategory(304, 305))).toBe(53308);
    expect(await errcodeOf(mp.category.modifyCategory(304, 305, [{ key: 'k', value: 'v' }]))).toBe(53307);

    await world.sandbox.client.decideCategoryAudit(mp.appId, { decision: 'reject', reason: '许可证已过期' });
    const rejected = (await world.events.waitFor((e) => e.appId === mp.appId && e.event === 'wxa_category_audit')) as WxaCategoryAuditEvent;
    expect(rejected).toMatchObject({ ret: 2, first: 304, second: 305, reason: '许可证已过期' });
    await mp.category.modifyCategory(304, 305, [{ key: '医疗机构执业许可证', value: 'media-2' }]);
    await nextSecond();
    await world.sandbox.client.decideCategoryAudit(mp.appId, { decision: 'approve' });
    await world.events.waitFor((e) => e.appId === mp.appId && e.event === 'wxa_category_audit' && (e as WxaCategoryAuditEvent).ret === 3);
    expect((await mp.category.getCategory()).categories).toContainEqual(expect.objectContaining({ second: 305, audit_status: 3 }));

    await mp.category.deleteCategory(287, 612);
    const three = [{ first: 150, second: 151, certicates: [{ key: 'k', value: 'v' }] }, { first: 287, second: 612 }, { first: 287, second: 613 }];
    expect(await errcodeOf(mp.category.addCategory(three))).toBe(53301);
  });

  it('administrator rebinding: the page gives a task, componentrebindadmin completes it once', async () => {
    const page = await fetch(mp.basicInfo.getRebindAdminUrl('https://platform.example/rebind'), { redirect: 'manual' });
    expect(page.status).toBe(302);
    const redirect = new URL(page.headers.get('location')!);
    expect(redirect.searchParams.get('appid')).toBe(mp.appId);
    const taskId = redirect.searchParams.get('taskid')!;
    await mp.basicInfo.rebindAdmin(taskId);
    expect(await errcodeOf(mp.basicInfo.rebindAdmin(taskId))).toBe(89250);
  });

  it('open-platform accounts: create, have, get, bind another account of the principal, unbind; 89000 89001 89002 89003', async () => {
    expect(await mp.openAccount.have()).toEqual({ have_open: false });
    expect(await errcodeOf(mp.openAccount.get())).toBe(89002);
    const openAppId = await mp.openAccount.create();
    expect(await mp.openAccount.have()).toEqual({ have_open: true });
    expect(await mp.openAccount.get()).toBe(openAppId);
    expect(await errcodeOf(mp.openAccount.create())).toBe(89000);

    const oa = await authorizedAccount(world, { type: 'official_account', principalName: '沙盒科技有限公司' });
    await oa.openAccount.bind(openAppId);
    expect(await oa.openAccount.get()).toBe(openAppId);
    const stranger = await authorizedAccount(world, { type: 'official_account', principalName: '别家公司' });
    expect(await errcodeOf(stranger.openAccount.bind(openAppId))).toBe(89001);
    const { openAppId: websiteMade } = await world.sandbox.client.createOpenAccount({ principalName: '别家公司' });
    expect(await errcodeOf(stranger.openAccount.bind(websiteMade))).toBe(89003);

    await oa.openAccount.unbind(openAppId);
    expect(await errcodeOf(oa.openAccount.unbind(openAppId))).toBe(89002);
    expect(await oa.openAccount.have()).toEqual({ have_open: false });
  });
});
