import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFleetAppEvent, type CampaignView } from 'nestjs-wechat-component/fleet';
import { FleetWorld } from '../support/fleet.js';

// Issue 13, "Done when": a campaign over 200 mini programs with three rejections, one delay and one missed push.
const APPS = 200;
const VERSION = '2.0.0';

describe('a release campaign over 200 mini programs (sandbox, real Redis)', () => {
  let world: FleetWorld;
  let rejected: Map<string, { reason: string; screenshot: string }>;
  let delayedApp: string;
  let silentApp: string;
  let campaign: CampaignView;

  beforeAll(async () => {
    world = await FleetWorld.start();
    await world.startInstance();
    await world.prepare(APPS, { userVersion: VERSION });
    const client = world.sandbox.client;
    rejected = new Map([
      [world.appIds[3]!, { reason: '1:小程序页面内容不完整，请完善后再提交审核。<br>', screenshot: 'shot-a|shot-b' }],
      [world.appIds[77]!, { reason: '2:小程序涉及提供在线医疗服务，需补充相关资质。', screenshot: 'shot-c' }],
      [world.appIds[150]!, { reason: '3:功能页面无法打开。', screenshot: '' }],
    ]);
    for (const [appId, { reason, screenshot }] of rejected) {
      await client.scriptAudits(appId, { decisions: [{ decision: 'reject', reason, screenshot }] });
    }
    delayedApp = world.appIds[42]!;
    await client.scriptAudits(delayedApp, { decisions: [{ decision: 'delay', reason: '审核延后：需人工复审' }, { decision: 'approve', afterSeconds: 0.5 }] });
    // The reviewer approves, but WeChat never delivers the push: only the poll of get_auditstatus finds out.
    silentApp = world.appIds[99]!;
    await client.scriptAudits(silentApp, { decisions: [{ decision: 'approve', push: false }] });
  }, 60_000);
  afterAll(() => world?.close());

  it('ends completed: every other app released at the template version, the rejected ones failed with the reviewer’s reason', async () => {
    const fleet = world.instances[0]!.fleet;
    const { id } = await fleet.start({
      templateId: world.templateId,
      userVersion: VERSION,
      userDesc: '点餐 2.0',
      appIds: world.appIds,
      extJson: (appId) => ({ extAppid: appId, ext: { shop: appId.slice(-4) } }),
      audit: { item_list: [{ first_class: '工具', second_class: '效率', first_id: 287, second_id: 616, address: 'pages/index/index', tag: '点餐', title: '首页' }] },
    });
    campaign = await world.until(id, (c) => c.status === 'completed', 'the campaign to complete', 60_000);

    expect(campaign.total).toBe(APPS);
    expect(campaign.counts).toMatchObject({ released: APPS - 3, failed: 3, queued: 0, auditing: 0, waiting: 0 });
    for (const app of campaign.apps) {
      const rejection = rejected.get(app.appId);
      if (rejection) {
        expect(app).toMatchObject({ state: 'failed', error: { reason: rejection.reason, step: 'audit', ...(rejection.screenshot ? { screenshot: rejection.screenshot } : {}) } });
      } else {
        expect(app.state).toBe('released');
      }
    }
    const atWeChat = new Map((await world.sandbox.client.miniPrograms()).map((mp) => [mp.appId, mp]));
    for (const appId of world.appIds) {
      expect(atWeChat.get(appId)?.releasedVersion).toBe(rejected.has(appId) ? undefined : VERSION);
    }
  });

  it('made exactly one wxa/commit and one accepted submit_audit per app (the sandbox’s record)', async () => {
    const atWeChat = await world.sandbox.client.miniPrograms();
    expect(atWeChat).toHaveLength(APPS);
    expect(atWeChat.filter((mp) => mp.commits !== 1 || mp.audits !== 1)).toEqual([]);
    // The ext_json of each app went with its commit.
    const commit = (await world.sandbox.client.calls({ path: '/wxa/commit', appId: world.appIds[5]! }))[0]!;
    expect(JSON.parse((commit.body as { ext_json: string }).ext_json)).toEqual({ extAppid: world.appIds[5], ext: { shop: world.appIds[5]!.slice(-4) } });
  });

  it('the delayed audit waited, then released; the missed push was found by polling get_auditstatus', async () => {
    const events = world.instances[0]!.events.events.filter(isFleetAppEvent);
    expect(events.find((e) => e.type === 'app.delayed' && e.appId === delayedApp)).toMatchObject({ error: { reason: '审核延后：需人工复审' } });
    expect(campaign.apps.find((app) => app.appId === delayedApp)?.state).toBe('released');
    expect(campaign.apps.find((app) => app.appId === silentApp)?.state).toBe('released');
    expect((await world.sandbox.client.getAccount(silentApp)).calls['/wxa/get_auditstatus']).toBeGreaterThanOrEqual(1);
    expect(await world.sandbox.client.pushes({ kind: 'message', appId: silentApp })).toEqual([]);
  });

  it('told the application: app.released and app.failed once per app, campaign.completed once', () => {
    const events = world.instances[0]!.events.events;
    const of = (type: string) => events.filter((e) => e.type === type && e.campaignId === campaign.id);
    expect(new Set(of('app.released').map((e) => (e as { appId: string }).appId)).size).toBe(APPS - 3);
    expect(of('app.released')).toHaveLength(APPS - 3);
    expect(of('app.released')[0]).toMatchObject({ userVersion: VERSION, state: 'released' });
    expect(of('app.failed').map((e) => (e as { appId: string }).appId).sort()).toEqual([...rejected.keys()].sort());
    expect(of('campaign.completed')).toHaveLength(1);
  });
});
