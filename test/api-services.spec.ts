import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizerClient } from 'nestjs-wechat-component';
import { toDataCubeDate } from '../libs/wechat-component/src/authorizer/apis/datacube.api.js';
import { readJpegStamp } from '../apps/sandbox/src/index.js';
import { errcodeOf, startWithOfficialAccount, type ApiWorld } from './support/api-platform.js';

// qrcode, customservice, datacube and misc against the sandbox.
const DAY = 86_400_000;

describe('QR codes, customer service, analytics and misc of an official account', () => {
  let world: ApiWorld;
  let oa: AuthorizerClient;
  let openIds: string[];

  beforeAll(async () => {
    ({ world, oa, openIds } = await startWithOfficialAccount());
  });
  afterAll(() => world.stop());

  it('qrcode: temporary and permanent codes; the image (no token sent) encodes the code’s URL', async () => {
    const temporary = await oa.qrcode.create({ action_name: 'QR_SCENE', expire_seconds: 600, action_info: { scene: { scene_id: 123 } } });
    expect(temporary).toMatchObject({ ticket: expect.any(String), expire_seconds: 600, url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\//) });
    const permanent = await oa.qrcode.create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'shop-42' } } });
    expect(permanent.expire_seconds).toBeUndefined();
    const image = await oa.qrcode.show(permanent);
    expect(image.contentType).toBe('image/jpg');
    expect(readJpegStamp(await image.toBuffer())).toEqual({ kind: 'qrcode', url: permanent.url, action_name: 'QR_LIMIT_STR_SCENE', scene_str: 'shop-42' });
    const shown = (await world.sandbox.client.calls({ path: '/cgi-bin/showqrcode', limit: 10 }))[0]!;
    expect(Object.keys(shown.query)).toEqual(['ticket']);
    expect(oa.qrcode.getUrl(temporary)).toBe(`${world.sandbox.mpBaseUrl}/cgi-bin/showqrcode?ticket=${encodeURIComponent(temporary.ticket)}`);
    expect((await fetch(oa.qrcode.getUrl(temporary))).headers.get('content-type')).toBe('image/jpg');
    expect(await errcodeOf(oa.qrcode.create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100_001 } } }))).toBe(40053);
    expect(await errcodeOf(oa.qrcode.create({ action_name: 'QR_NONE' } as never))).toBe(40052);
  });

  it('customservice: accounts, invitation, sessions, the queue and message records', async () => {
    const { userName } = await world.sandbox.client.getAccount(oa.appId);
    const kf = `kf1@${userName}`;
    await oa.customservice.addAccount(kf, '小咖', 'secret-pass');
    expect(await errcodeOf(oa.customservice.addAccount(kf, '小咖'))).toBe(65406);
    expect(await errcodeOf(oa.customservice.addAccount('kf2@someone_else', '小咖'))).toBe(65404);
    await oa.customservice.updateAccount(kf, '咖啡师');
    await oa.customservice.uploadHeadimg(kf, { content: Buffer.alloc(200, 4), filename: 'head.jpg' });
    const [account] = await oa.customservice.getAccounts();
    expect(account).toMatchObject({ kf_account: kf, kf_nick: '咖啡师', kf_id: '1001', kf_headimgurl: expect.stringMatching(/^http/) });
    expect(await oa.customservice.getOnlineAccounts()).toEqual([]);
    expect(await errcodeOf(oa.customservice.createSession(openIds[0]!, kf))).toBe(65415);

    await oa.customservice.inviteWorker(kf, 'barista_wx');
    expect(await oa.customservice.getOnlineAccounts()).toEqual([{ kf_account: kf, status: 1, kf_id: '1001', accepted_case: 0 }]);
    await world.sandbox.client.enqueueKfWait(oa.appId, { openid: openIds[0]! });
    expect(await oa.customservice.getWaitCase()).toMatchObject({ count: 1, waitcaselist: [{ openid: openIds[0] }] });
    await oa.customservice.createSession(openIds[0]!, kf);
    expect(await oa.customservice.getWaitCase()).toEqual({ count: 0, waitcaselist: [] });
    expect(await oa.customservice.getSession(openIds[0]!)).toMatchObject({ kf_account: kf, createtime: expect.any(Number) });
    expect(await oa.customservice.getSessionList(kf)).toEqual([{ openid: openIds[0], createtime: expect.any(Number) }]);
    await oa.message.custom.sendText(openIds[0]!, '您的咖啡好了', { kfAccount: kf });
    await oa.customservice.closeSession(openIds[0]!, kf);
    expect(await errcodeOf(oa.customservice.closeSession(openIds[0]!, kf))).toBe(65413);
    expect(await oa.customservice.getSession(openIds[0]!)).toEqual({ kf_account: '', createtime: 0 });

    const now = Date.now();
    const records = await oa.customservice.getRecords(new Date(now - 3_600_000), new Date(now + 60_000));
    expect(records).toEqual({ recordlist: [expect.objectContaining({ openid: openIds[0], opercode: 2002, text: '您的咖啡好了', worker: kf })], number: 1, msgid: 2 });
    expect(await errcodeOf(oa.customservice.getRecords(new Date(now - 2 * DAY), new Date(now)))).toBe(65417);
    await oa.customservice.deleteAccount(kf);
    expect(await oa.customservice.getAccounts()).toEqual([]);
  });

  it('datacube: reports per day (hourly ones per hour), within each report’s span, ending yesterday', async () => {
    const yesterday = new Date(Date.now() - DAY);
    const weekAgo = new Date(Date.now() - 7 * DAY);
    const summary = await oa.datacube.getUserSummary(weekAgo, yesterday);
    expect(new Set(summary.map((row) => row.ref_date)).size).toBe(7);
    expect(summary[0]).toMatchObject({ ref_date: toDataCubeDate(weekAgo), user_source: expect.any(Number), new_user: expect.any(Number) });
    expect(await oa.datacube.getUserSummary(weekAgo, yesterday)).toEqual(summary);
    const cumulate = await oa.datacube.getUserCumulate(yesterday, yesterday);
    expect(cumulate).toEqual([{ ref_date: toDataCubeDate(yesterday), cumulate_user: 3 }]);
    const hourly = await oa.datacube.getInterfaceSummaryHour(yesterday, yesterday);
    expect(hourly.map((row) => row.ref_hour)).toEqual(Array.from({ length: 24 }, (_, h) => h * 100));
    expect(await oa.datacube.getUpstreamMsgDist(yesterday, yesterday)).toHaveLength(3);
    expect(await oa.datacube.getArticleTotal(yesterday, yesterday)).toEqual([expect.objectContaining({ details: [expect.objectContaining({ stat_date: toDataCubeDate(yesterday) })] })]);
    const reports = [
      oa.datacube.getUserSummary, oa.datacube.getUserCumulate, oa.datacube.getInterfaceSummary, oa.datacube.getInterfaceSummaryHour,
      oa.datacube.getArticleSummary, oa.datacube.getArticleTotal, oa.datacube.getUserRead, oa.datacube.getUserReadHour,
      oa.datacube.getUserShare, oa.datacube.getUserShareHour, oa.datacube.getUpstreamMsg, oa.datacube.getUpstreamMsgHour,
      oa.datacube.getUpstreamMsgWeek, oa.datacube.getUpstreamMsgMonth, oa.datacube.getUpstreamMsgDist,
      oa.datacube.getUpstreamMsgDistWeek, oa.datacube.getUpstreamMsgDistMonth,
    ];
    for (const report of reports) {
      const rows = await report.call(oa.datacube, yesterday, yesterday);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.ref_date === toDataCubeDate(yesterday))).toBe(true);
    }
    const paths = (await world.sandbox.client.calls({ appId: oa.appId, limit: 1000 })).map((call) => call.path).filter((path) => path.startsWith('/datacube/'));
    expect(new Set(paths).size).toBe(17);
    expect(await errcodeOf(oa.datacube.getUserSummary(new Date(Date.now() - 8 * DAY), yesterday))).toBe(61501);
    expect(await errcodeOf(oa.datacube.getUserRead(new Date(), new Date()))).toBe(61501);
    expect(await errcodeOf(oa.datacube.getUserShare('2024/01/01', '2024/01/02'))).toBe(61500);
  });

  it('misc: WeChat’s addresses, a real network check of the message URL, quotas and their reset', async () => {
    expect((await oa.misc.getWechatIps()).length).toBeGreaterThan(0);
    expect((await oa.misc.getApiDomainIp()).length).toBeGreaterThan(0);
    const check = await oa.misc.checkNetwork('all', 'UNICOM');
    expect(check.dns).toEqual([{ ip: '127.0.0.1', real_operator: 'UNICOM' }]);
    expect(check.ping).toEqual([expect.objectContaining({ ip: '127.0.0.1', from_operator: 'UNICOM', package_loss: '0%', time: expect.stringMatching(/ms$/) })]);
    expect(await errcodeOf(oa.misc.checkNetwork('trace' as 'all'))).toBe(40097);
    const before = await oa.misc.getQuota('/cgi-bin/message/custom/send');
    await oa.message.custom.sendText(openIds[0]!, 'quota');
    const after = await oa.misc.getQuota('/cgi-bin/message/custom/send');
    expect(after.quota.used).toBe(before.quota.used + 1);
    await oa.misc.clearQuota();
    expect((await oa.misc.getQuota('/cgi-bin/message/custom/send')).quota.used).toBe(0);
  });

  it('oauth: the client’s web OAuth acts for its own account (code → user token → refresh)', async () => {
    const url = oa.oauth.getAuthorizeUrl('https://shop.example.com/callback', { scope: 'snsapi_base', state: 'cart' });
    expect(new URL(url).searchParams.get('appid')).toBe(oa.appId);
    const redirect = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    expect(redirect.searchParams.get('state')).toBe('cart');
    const token = await oa.oauth.fetchAccessToken(redirect.searchParams.get('code')!);
    expect(token).toMatchObject({ openid: openIds[0], scope: 'snsapi_base', expires_in: 7200 });
    const refreshed = await oa.oauth.refreshAccessToken(token.refresh_token);
    expect(refreshed.openid).toBe(openIds[0]);
    expect(await errcodeOf(oa.oauth.getUserInfo(refreshed.access_token, refreshed.openid))).toBe(48001);
  });
});
