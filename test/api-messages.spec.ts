import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizerClient } from 'nestjs-wechat-component';
import { errcodeOf, startWithOfficialAccount, type ApiWorld } from './support/api-platform.js';

// message (customer service for every type, mass, template, subscription), template (industry, templates).
describe('messages an official account sends', () => {
  let world: ApiWorld;
  let oa: AuthorizerClient;
  let openIds: string[];
  let imageId: string;

  beforeAll(async () => {
    ({ world, oa, openIds } = await startWithOfficialAccount());
    imageId = (await oa.media.upload('image', { content: Buffer.alloc(100, 1), filename: 'a.jpg' })).media_id!;
  });
  afterAll(() => world.stop());

  it('customer service: every message type reaches WeChat as its msgtype, with the kf_account when given', async () => {
    const to = openIds[0]!;
    await oa.message.custom.sendText(to, '你好');
    await oa.message.custom.sendImage(to, imageId);
    await oa.message.custom.sendVoice(to, imageId);
    await oa.message.custom.sendVideo(to, { media_id: imageId, title: '视频' });
    await oa.message.custom.sendMusic(to, { musicurl: 'https://m.example.com/a.mp3', hqmusicurl: 'https://m.example.com/a.flac', thumb_media_id: imageId });
    await oa.message.custom.sendArticles(to, [{ title: '活动', url: 'https://www.example.com/', picurl: 'https://www.example.com/a.jpg' }]);
    await oa.message.custom.sendArticles(to, 'MEDIA_ID_OF_ARTICLES');
    await oa.message.custom.sendMpNewsArticle(to, 'ARTICLE_ID');
    await oa.message.custom.sendMsgMenu(to, { head_content: '满意吗', list: [{ id: '101', content: '满意' }], tail_content: '谢谢' });
    await oa.message.custom.sendCard(to, 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc');
    await oa.message.custom.sendMiniProgramPage(to, { title: '点餐', appid: 'wx1234567890abcdef', pagepath: 'pages/index/index', thumb_media_id: imageId }, { kfAccount: 'kf1@sandbox' });
    const sent = await world.sandbox.client.customMessages(oa.appId);
    expect(sent.map((message) => message.msgtype)).toEqual(['text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'mpnewsarticle', 'msgmenu', 'wxcard', 'miniprogrampage']);
    expect(sent.at(-1)!.body).toMatchObject({ touser: to, customservice: { kf_account: 'kf1@sandbox' } });
    expect(await errcodeOf(oa.message.custom.sendText(to, ''))).toBe(44004);
  });

  it('customer service for mini programs: link and text, but not news (40008)', async () => {
    const mp = await world.authorized('mini_program');
    const { openid } = await world.sandbox.client.createJsCode(mp.appId);
    await mp.message.custom.sendLink(openid, { title: '订单', description: '查看订单', url: 'https://www.example.com/o', thumb_url: 'https://www.example.com/t.jpg' });
    expect(await errcodeOf(mp.message.custom.sendNews(openid, [{ title: 'a', url: 'https://www.example.com/' }]))).toBe(40008);
    expect((await world.sandbox.client.customMessages(mp.appId)).map((m) => m.msgtype)).toEqual(['link']);
  });

  it('mass: to everyone, to a tag, to openids, preview; status and delete; a repeated clientmsgid is refused', async () => {
    const vip = await oa.tag.create('群发组');
    await oa.tag.tagUser(vip.id, openIds[1]!);
    const all = await oa.message.mass.sendMassText('全体通知', { toAll: true }, { clientMsgId: 'job-1' });
    expect(all).toEqual({ msg_id: expect.any(Number) });
    expect(all.msg_data_id).toBeUndefined();
    expect(await errcodeOf(oa.message.mass.sendMassText('again', { toAll: true }, { clientMsgId: 'job-1' }))).toBe(45065);
    await oa.message.mass.sendMassImage(imageId, { tagId: vip.id });
    const voice = await oa.media.upload('voice', { content: Buffer.alloc(100, 3), filename: 'v.amr' });
    expect(await errcodeOf(oa.message.mass.sendMassVoice(imageId, { openIds: [openIds[0]!, openIds[2]!] }))).toBe(40007);
    await oa.message.mass.sendMassVoice(voice.media_id!, { openIds: [openIds[0]!, openIds[2]!] });
    expect(await errcodeOf(oa.message.mass.sendMassText('one', { openIds: [openIds[0]!] }))).toBe(40130);
    expect(await errcodeOf(oa.message.mass.sendMassText('x', { tagId: 99_999 }))).toBe(45159);
    expect(await errcodeOf(oa.message.mass.sendMassImage('unknown', { toAll: true }))).toBe(40007);
    const cover = await oa.material.add('image', { content: Buffer.alloc(50, 2), filename: 'c.jpg' });
    const draft = await oa.draft.add([{ title: '周报', content: '<p>本周</p>', thumb_media_id: cover.media_id }]);
    const article = await oa.message.mass.sendMassArticle(draft, { toAll: true });
    expect(article.msg_data_id).toEqual(expect.any(Number));
    const clip = await oa.media.upload('video', { content: Buffer.alloc(100, 5), filename: 'clip.mp4' });
    const massVideo = await oa.media.uploadVideo(clip.media_id!, '新品', '新品视频');
    await oa.message.mass.sendMassVideo(massVideo.media_id!, { tagId: vip.id }, { title: '新品' });
    await oa.message.mass.sendMassCard('pFS7Fjg8kV1IdDz01r4SQwMkuCKc', { openIds: [openIds[0]!, openIds[1]!] });
    await oa.message.mass.sendMass({ toAll: true }, { msgtype: 'text', text: { content: '通用群发' } }, { sendIgnoreReprint: 1 });
    expect(await errcodeOf(oa.message.mass.sendMass({ toAll: true }, { msgtype: 'text', text: { content: '' } }))).toBe(44004);
    const preview = await oa.message.mass.previewMass({ openId: openIds[0]! }, { msgtype: 'text', text: { content: '预览' } });
    expect(preview).toEqual(expect.any(Number));
    await oa.message.mass.previewMass({ wxName: 'sandbox_admin' }, { msgtype: 'text', text: { content: '预览' } });

    expect(await oa.message.mass.getMass(all.msg_id)).toEqual({ msg_id: all.msg_id, msg_status: 'SEND_SUCCESS' });
    await oa.message.mass.deleteMass(all.msg_id);
    expect((await oa.message.mass.getMass(all.msg_id)).msg_status).toBe('DELETE');
    expect(await errcodeOf(oa.message.mass.getMass(123))).toBe(40097);

    const outbox = await world.sandbox.client.outbox(oa.appId);
    const mass = outbox.filter((message) => message.kind === 'mass');
    expect(mass.map((message) => message.to.length)).toEqual([3, 1, 2, 3, 1, 2, 3]);
    expect(mass.map((message) => message.body['msgtype'])).toEqual(['text', 'image', 'voice', 'mpnews', 'mpvideo', 'wxcard', 'text']);
    expect(mass[1]!.to).toEqual([openIds[1]]);
    expect(outbox.filter((message) => message.kind === 'mass-preview').map((message) => message.to)).toEqual([[openIds[0]], ['sandbox_admin']]);
  });

  it('template: industry, library templates, send to a follower (recorded), delete', async () => {
    expect(await oa.template.getIndustry()).toEqual({ primary_industry: { first_class: '', second_class: '' }, secondary_industry: { first_class: '', second_class: '' } });
    await oa.template.setIndustry(1, 10);
    expect(await oa.template.getIndustry()).toEqual({
      primary_industry: { first_class: 'IT科技', second_class: '互联网/电子商务' },
      secondary_industry: { first_class: '餐饮', second_class: '餐饮' },
    });
    expect(await errcodeOf(oa.template.setIndustry(1, 9999))).toBe(40102);
    const templateId = await oa.template.add('TM00015');
    expect(await oa.template.get('TM00015')).toBe(templateId);
    expect(await errcodeOf(oa.template.add('TM99999'))).toBe(40037);
    expect(await oa.template.getAllPrivateTemplate()).toEqual([expect.objectContaining({ template_id: templateId, title: '订单支付成功' })]);
    const data = { first: { value: '支付成功', color: '#173177' }, orderMoneySum: { value: '30.00元' } };
    const sent = await oa.message.template.sendTemplate(openIds[0]!, templateId, data, { url: 'https://www.example.com/order', clientMsgId: 'order-1' });
    expect(sent).toEqual(expect.any(Number));
    expect(await errcodeOf(oa.message.template.sendTemplate('oNotAFollowerOfThisAccount0000', templateId, data))).toBe(40003);
    expect(await errcodeOf(oa.message.template.sendTemplate(openIds[0]!, 'unknown', data))).toBe(40037);
    const recorded = (await world.sandbox.client.outbox(oa.appId)).filter((message) => message.kind === 'template');
    expect(recorded).toEqual([expect.objectContaining({ to: [openIds[0]], body: expect.objectContaining({ template_id: templateId, data, url: 'https://www.example.com/order' }) })]);
    await oa.template.delPrivateTemplate(templateId);
    expect(await errcodeOf(oa.message.template.sendTemplate(openIds[0]!, templateId, data))).toBe(40037);
  });

  it('subscription messages go through only as often as the user subscribed (43101 otherwise)', async () => {
    const message = { templateId: 'SUBSCRIBE-TEMPLATE', scene: 1000, title: '到店提醒', data: { content: { value: '您的咖啡好了' } } };
    expect(await errcodeOf(oa.message.template.sendSubscribeTemplate(openIds[0]!, message))).toBe(43101);
    await world.sandbox.client.grantSubscription(oa.appId, { templateId: 'SUBSCRIBE-TEMPLATE', openid: openIds[0]! });
    await oa.message.template.sendSubscribeTemplate(openIds[0]!, message);
    expect(await errcodeOf(oa.message.template.sendSubscribeTemplate(openIds[0]!, message))).toBe(43101);
    expect(await errcodeOf(oa.message.template.sendSubscribeTemplate(openIds[0]!, { ...message, title: '一二三四五六七八九十一二三四五六' }))).toBe(47003);

    await world.sandbox.client.grantSubscription(oa.appId, { templateId: 'BIZ', openid: openIds[1]!, count: 2 });
    await oa.message.subscribe.sendBizSubscribeMessage(openIds[1]!, { templateId: 'BIZ', data: { thing1: { value: '已发货' } }, page: 'https://www.example.com' });
    await oa.message.subscribe.sendBizSubscribeMessage(openIds[1]!, { templateId: 'BIZ', data: { thing1: { value: '已签收' } } });
    expect(await errcodeOf(oa.message.subscribe.sendBizSubscribeMessage(openIds[1]!, { templateId: 'BIZ', data: { thing1: { value: 'x' } } }))).toBe(43101);

    const mp = await world.authorized('mini_program');
    const { openid } = await world.sandbox.client.createJsCode(mp.appId, { user: 'lisi' });
    await world.sandbox.client.grantSubscription(mp.appId, { templateId: 'MP-TEMPLATE', user: 'lisi' });
    await mp.message.subscribe.sendSubscribeMessage(openid, 'MP-TEMPLATE', { thing1: { value: '订单已送达' } }, { page: 'pages/index/index', miniprogramState: 'formal' });
    expect(await errcodeOf(mp.message.subscribe.sendSubscribeMessage(openid, 'MP-TEMPLATE', { thing1: { value: 'again' } }))).toBe(43101);
    const kinds = (await world.sandbox.client.outbox(mp.appId)).map((m) => m.kind);
    expect(kinds).toEqual(['subscribe']);
  });

  it('mass and template messages need 群发与通知 (61007)', async () => {
    const limited = await world.authorized('official_account', [1, 2]);
    expect(await errcodeOf(limited.message.mass.sendMassText('x', { toAll: true }))).toBe(61007);
    expect(await errcodeOf(limited.template.getIndustry())).toBe(61007);
  });
});
