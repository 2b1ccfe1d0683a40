import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizerClient } from 'nestjs-wechat-component';
import { errcodeOf, startWithOfficialAccount, type ApiWorld } from './support/api-platform.js';

// user, tag (with the blacklist) and menu (conditional menus, try-match, self-menu info) against the sandbox.
describe('followers, tags and menus of an official account', () => {
  let world: ApiWorld;
  let oa: AuthorizerClient;
  let openIds: string[];

  beforeAll(async () => {
    ({ world, oa, openIds } = await startWithOfficialAccount());
  });
  afterAll(() => world.stop());

  it('user: followers page, info, batch info, remark; unknown openids answer 40003', async () => {
    const page = await oa.user.getFollowers();
    expect(page).toMatchObject({ total: 3, count: 3, next_openid: openIds[2] });
    expect(await oa.user.getFollowers(page.next_openid)).toEqual({ total: 3, count: 0, next_openid: '' });
    // An action answers nothing but the envelope: it resolves to undefined.
    expect(await oa.user.updateRemark(openIds[0]!, '老客户')).toBeUndefined();
    const info = await oa.user.get(openIds[0]!, 'en');
    expect(info).toMatchObject({ subscribe: 1, openid: openIds[0], language: 'en', remark: '老客户', tagid_list: [] });
    expect(info.unionid).toMatch(/^o/);
    const batch = await oa.user.getBatch([openIds[1]!, { openid: openIds[2]!, lang: 'zh_TW' }]);
    expect(batch.map((user) => user.openid)).toEqual([openIds[1], openIds[2]]);
    expect(batch[1]!.language).toBe('zh_TW');
    expect(await errcodeOf(oa.user.get('oNotAFollowerOfThisAccount0000'))).toBe(40003);
  });

  it('user: iterateFollowers walks every page (10 000 a page) to the end', async () => {
    await world.sandbox.client.addFollowers(oa.appId, 10_500);
    const all: string[] = [];
    for await (const openid of oa.user.iterateFollowers()) all.push(openid);
    expect(all).toHaveLength(10_503);
    expect(new Set(all).size).toBe(10_503);
    expect(all.slice(0, 3)).toEqual(openIds);
    const pages = await world.sandbox.client.calls({ path: '/cgi-bin/user/get', appId: oa.appId, limit: 100 });
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it('tag: create, list with counts, rename, tag and untag, a user’s tags, a tag’s users, delete', async () => {
    const vip = await oa.tag.create('VIP');
    expect(vip.id).toBeGreaterThanOrEqual(100);
    expect(await errcodeOf(oa.tag.create('VIP'))).toBe(45157);
    expect(await errcodeOf(oa.tag.create('这是一个非常非常非常长的标签名字'))).toBe(45158);
    await oa.tag.tagUser(vip.id, [openIds[0]!, openIds[1]!]);
    expect((await oa.tag.get()).find((tag) => tag.id === vip.id)).toEqual({ id: vip.id, name: 'VIP', count: 2 });
    expect(await oa.tag.getUserTag(openIds[0]!)).toEqual([vip.id]);
    const tagged: string[] = [];
    for await (const openid of oa.tag.iterateTagUsers(vip.id)) tagged.push(openid);
    expect(tagged).toEqual([openIds[0], openIds[1]]);
    await oa.tag.untagUser(vip.id, openIds[1]!);
    expect((await oa.tag.getTagUsers(vip.id)).data?.openid).toEqual([openIds[0]]);
    await oa.tag.update(vip.id, '贵宾');
    expect((await oa.tag.get()).find((tag) => tag.id === vip.id)?.name).toBe('贵宾');
    expect(await errcodeOf(oa.tag.update(2, 'x'))).toBe(45058);
    await oa.tag.delete(vip.id);
    expect(await oa.tag.getUserTag(openIds[0]!)).toEqual([]);
    expect(await errcodeOf(oa.tag.delete(vip.id))).toBe(45159);
  });

  it('tag: blacklist, list, unblack; only followers (49003), at most 20 at once (40032)', async () => {
    await oa.tag.batchBlackList([openIds[2]!]);
    expect(await oa.tag.getBlackList()).toMatchObject({ total: 1, count: 1, data: { openid: [openIds[2]] } });
    await oa.tag.batchUnblackList([openIds[2]!]);
    expect((await oa.tag.getBlackList()).total).toBe(0);
    expect(await errcodeOf(oa.tag.batchBlackList(['oNotAFollowerOfThisAccount0000']))).toBe(49003);
    expect(await errcodeOf(oa.tag.batchBlackList(Array.from({ length: 21 }, () => openIds[0]!)))).toBe(40032);
  });

  it('menu: conditional menus need a default menu, match by tag, and go with menu/delete', async () => {
    const conditional = { button: [{ type: 'click', name: '会员专区', key: 'VIP' }], matchrule: { tag_id: '' } };
    expect(await errcodeOf(oa.menu.addConditional({ ...conditional, matchrule: { sex: '1' } }))).toBe(65303);
    await oa.menu.update({ button: [{ type: 'click', name: '旧菜单', key: 'OLD' }] });
    expect((await oa.menu.get()).menu.button[0]!.name).toBe('旧菜单');
    await oa.menu.create({ button: [{ type: 'click', name: '今日推荐', key: 'TODAY' }] });
    const vip = await oa.tag.create('会员');
    const menuid = await oa.menu.addConditional({ ...conditional, matchrule: { tag_id: String(vip.id) } });
    expect(await errcodeOf(oa.menu.addConditional({ ...conditional, matchrule: {} }))).toBe(65304);
    await oa.tag.tagUser(vip.id, openIds[0]!);
    expect((await oa.menu.tryMatch(openIds[0]!))[0]).toMatchObject({ name: '会员专区', key: 'VIP' });
    expect((await oa.menu.tryMatch(openIds[1]!))[0]).toMatchObject({ name: '今日推荐' });
    expect(await errcodeOf(oa.menu.tryMatch('nobody'))).toBe(65302);
    const menus = await oa.menu.get();
    expect(menus.conditionalmenu).toEqual([expect.objectContaining({ menuid: Number(menuid), matchrule: { tag_id: String(vip.id) } })]);
    expect(await oa.menu.getMenuInfo()).toEqual({ is_menu_open: 1, selfmenu_info: { button: [{ type: 'click', name: '今日推荐', key: 'TODAY' }] } });
    await oa.menu.delConditional(menuid);
    expect(await errcodeOf(oa.menu.delConditional(menuid))).toBe(65301);
    await oa.menu.delete();
    expect(await oa.menu.getMenuInfo()).toEqual({ is_menu_open: 0 });
  });

  it('needs the 用户管理 permission set: an account that did not grant it answers 61007', async () => {
    const limited = await world.authorized('official_account', [1, 15]);
    expect(await errcodeOf(limited.user.getFollowers())).toBe(61007);
    expect(await errcodeOf(limited.tag.get())).toBe(61007);
  });
});
