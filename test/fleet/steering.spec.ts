import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizerClientFactory } from 'nestjs-wechat-component';
import { FLEET_QUEUE, type CampaignView } from 'nestjs-wechat-component/fleet';
import { FleetWorld } from '../support/fleet.js';
import { waitFor } from '../support/wait-for.js';

// Steering campaigns: pause, resume, cancel, retry, withdraw, rollback, phased release, the stop rule, pre-flight.
describe('steering release campaigns', () => {
  let world: FleetWorld;
  let queue: Queue;
  let next = 0;
  const take = (n: number) => world.appIds.slice(next, (next += n));
  const fleet = () => world.instances[0]!.fleet;
  const stateOf = (campaign: CampaignView, appId: string) => campaign.apps.find((app) => app.appId === appId)?.state;
  /** True once the app's job is gone (it parked, or the app is final): nothing more happens to it by itself. */
  const jobless = async (campaign: string, appId: string) => {
    const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
    return jobs.some((job) => job.id?.startsWith(`a-${campaign}-${appId}-`)) ? undefined : true;
  };
  const manualReviews = async <T>(work: () => Promise<T>): Promise<T> => {
    await world.sandbox.client.updateSettings({ auditSeconds: 0 });
    try {
      return await work();
    } finally {
      await world.sandbox.client.updateSettings({ auditSeconds: 0.05 });
    }
  };

  beforeAll(async () => {
    world = await FleetWorld.start();
    await world.startInstance();
    await world.prepare(24, { userVersion: '2.0.0' });
    queue = world.instances[0]!.platform.get<Queue>(getQueueToken(FLEET_QUEUE) as never);
  }, 60_000);
  afterAll(() => world?.close());

  it('pause holds every app where it is (pushes included); resume goes on; cancel stops the rest', async () => {
    const apps = take(4);
    await manualReviews(async () => {
      const { id } = await fleet().start({ templateId: world.templateId, userVersion: '2.0.0', userDesc: 'pause', appIds: apps, plan: { preflight: false } });
      await world.until(id, (c) => c.counts.auditing === 4, 'all four in review');
      await fleet().pause(id);
      expect((await fleet().getCampaign(id))!).toMatchObject({ status: 'paused', pausedReason: 'paused by request', waitingFor: ['paused: paused by request', 'reviews: 4 apps in review at WeChat'] });
      await expect(fleet().pause(id)).rejects.toMatchObject({ code: 'CAMPAIGN_STATE' });

      // Approved while paused: the pushes arrive, the apps stay where they are.
      for (const appId of apps.slice(0, 2)) {
        expect(await world.sandbox.client.decideAudit(appId, { decision: 'approve' })).toMatchObject({ push: { ok: true } });
        await waitFor(() => jobless(id, appId), `${appId} parked`);
      }
      const paused = (await fleet().getCampaign(id))!;
      expect(paused.counts).toMatchObject({ auditing: 4, released: 0 });
      expect((await world.sandbox.client.miniPrograms()).filter((mp) => apps.includes(mp.appId) && mp.releasedVersion)).toEqual([]);

      await fleet().resume(id);
      const resumed = await world.until(id, (c) => c.counts.released === 2, 'the two approved apps released after resume');
      expect(resumed.status).toBe('running');
      expect(apps.slice(2).map((appId) => stateOf(resumed, appId))).toEqual(['auditing', 'auditing']);

      await fleet().cancel(id);
      const cancelled = await world.until(id, (c) => c.counts.cancelled === 2, 'the rest cancelled');
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.counts).toMatchObject({ released: 2, cancelled: 2 });
      await expect(fleet().resume(id)).rejects.toMatchObject({ code: 'CAMPAIGN_STATE' });
      const events = world.instances[0]!.events.events.filter((e) => e.campaignId === id).map((e) => e.type);
      expect(events).toEqual(expect.arrayContaining(['campaign.paused', 'campaign.resumed', 'campaign.cancelled', 'app.cancelled']));
    });
  });

  it('a rejected app is retried from the commit and released; withdraw undoes an audit in review', async () => {
    const [rejected, inReview] = take(2);
    await world.sandbox.client.scriptAudits(rejected!, { decisions: [{ decision: 'reject', reason: '1:缺少隐私说明' }] });
    await world.sandbox.client.scriptAudits(inReview!, { decisions: [{ decision: 'delay', reason: '排队中' }, { decision: 'approve', afterSeconds: 600 }] });
    const { id } = await fleet().start({ templateId: world.templateId, userVersion: '2.0.0', userDesc: 'retry', appIds: [rejected!, inReview!] });
    await world.until(id, (c) => stateOf(c, rejected!) === 'failed' && stateOf(c, inReview!) === 'auditing', 'one failed, one in review');

    const withdrawn = await fleet().withdraw(id, [inReview!, rejected!]);
    expect(withdrawn).toEqual({ appIds: [inReview], skipped: [{ appId: rejected, reason: 'failed' }] });
    const afterWithdraw = await world.until(id, (c) => c.status === 'completed', 'completed (failed + withdrawn)');
    expect(afterWithdraw.counts).toMatchObject({ failed: 1, withdrawn: 1 });
    expect((await world.sandbox.client.miniProgram(inReview!)).latestAudit?.status).toBe(3);

    await world.sandbox.client.scriptAudits(inReview!, { decisions: [] });
    const retried = await fleet().retry(id);
    expect([...retried.appIds].sort()).toEqual([rejected, inReview].sort());
    expect((await fleet().getCampaign(id))!.status).toBe('running');
    const done = await world.until(id, (c) => c.status === 'completed' && c.counts.released === 2, 'both released after the retry');
    expect(done.apps.every((app) => app.error === undefined)).toBe(true);
    expect(await world.sandbox.client.miniProgram(rejected!)).toMatchObject({ commits: 2, audits: 2, release: { userVersion: '2.0.0' } });
  });

  it('phased release: each stage of grayrelease held, then the full release; rollback goes back to the version before', async () => {
    const apps = take(2);
    const v1 = await world.addTemplate({ userVersion: '1.0.0' });
    const first = await fleet().start({ templateId: v1, userVersion: '1.0.0', userDesc: 'v1', appIds: apps, plan: { preflight: false } });
    await world.until(first.id, (c) => c.status === 'completed' && c.counts.released === 2, 'v1 released');

    const since = Date.now();
    const { id } = await fleet().start({
      templateId: world.templateId,
      userVersion: '2.0.0',
      userDesc: 'v2 in phases',
      appIds: apps,
      plan: { preflight: false, stages: [{ percentage: 10, holdMs: 200 }, { percentage: 50, holdMs: 200 }] },
    });
    const held = await world.until(id, (c) => c.apps.some((app) => app.grayPercentage === 10), 'the first stage');
    expect(held.counts.releasing).toBeGreaterThan(0);
    await world.until(id, (c) => c.status === 'completed', 'released in full after the stages');
    for (const appId of apps) {
      const gray = await world.sandbox.client.calls({ path: '/wxa/grayrelease', appId, since });
      expect(gray.map((call) => (call.body as { gray_percentage: number }).gray_percentage)).toEqual([10, 50]);
      expect((await world.sandbox.client.miniProgram(appId)).release?.userVersion).toBe('2.0.0');
    }

    const rolled = await fleet().rollback(id);
    expect([...rolled.appIds].sort()).toEqual([...apps].sort());
    const back = await world.until(id, (c) => c.counts['rolled-back'] === 2, 'both rolled back');
    expect(back.status).toBe('completed');
    for (const appId of apps) expect((await world.sandbox.client.miniProgram(appId)).release?.userVersion).toBe('1.0.0');
    expect(world.instances[0]!.events.events.filter((e) => e.type === 'app.rolled-back' && e.campaignId === id)).toHaveLength(2);
    expect(await fleet().rollback(id, [apps[0]!])).toEqual({ appIds: [], skipped: [{ appId: apps[0], reason: 'rolled-back' }] });
  });

  it('the stop rule pauses the campaign when more apps fail than allowed', async () => {
    const apps = take(6);
    await world.sandbox.client.updateSettings({ auditSeconds: 0 });
    try {
      const { id } = await fleet().start({ templateId: world.templateId, userVersion: '2.0.0', userDesc: 'stop', appIds: apps, plan: { preflight: false, stopWhen: { failed: 1 } } });
      await world.until(id, (c) => c.counts.auditing === 6, 'all in review');
      for (const appId of apps.slice(0, 2)) await world.sandbox.client.decideAudit(appId, { decision: 'reject', reason: '不通过' });
      const stopped = await world.until(id, (c) => c.status === 'paused', 'paused by the stop rule');
      expect(stopped.pausedReason).toBe('stop rule: 2 apps failed (more than 1)');
      expect(world.instances[0]!.events.events).toContainEqual(expect.objectContaining({ type: 'campaign.paused', campaignId: id, reason: 'stop rule' }));
      await fleet().cancel(id);
    } finally {
      await world.sandbox.client.updateSettings({ auditSeconds: 0.05 });
    }
  });

  it('release errors: a busy WeChat (-1) is retried with backoff; a refusal fails the app with WeChat’s errcode', async () => {
    const [busy, refused] = take(2);
    await world.sandbox.client.injectFault({ path: '/wxa/release', appId: busy!, errcode: -1, times: 2 });
    await world.sandbox.client.injectFault({ path: '/wxa/release', appId: refused!, errcode: 85052, errmsg: 'app is already released' });
    const { id } = await fleet().start({ templateId: world.templateId, userVersion: '2.0.0', userDesc: 'release errors', appIds: [busy!, refused!], plan: { preflight: false } });
    const done = await world.until(id, (c) => c.status === 'completed', 'completed');
    expect(stateOf(done, busy!)).toBe('released');
    expect((await world.sandbox.client.calls({ path: '/wxa/release', appId: busy! })).map((call) => call.errcode)).toEqual([-1, -1, 0]);
    expect(done.apps.find((app) => app.appId === refused)).toMatchObject({ state: 'failed', error: { errcode: 85052, step: 'release' } });
    await world.sandbox.client.clearFaults();
  });

  it('pre-flight fails an app whose privacy guide does not cover what the code uses, before any audit is spent', async () => {
    const [bare, declared] = take(2);
    const template = await world.addTemplate({ userVersion: '3.0.0', privacyKeys: ['Location'] });
    const client = await world.instances[0]!.platform.get(AuthorizerClientFactory).getClient(declared!);
    await client.wxa.setPrivacySetting({ owner_setting: { contact_email: 'a@b.cn', notice_method: '弹窗' }, setting_list: [{ privacy_key: 'Location', privacy_text: '门店导航' }] });
    const { id } = await fleet().start({ templateId: template, userVersion: '3.0.0', userDesc: 'privacy', appIds: [bare!, declared!] });
    const done = await world.until(id, (c) => c.status === 'completed', 'completed');
    expect(done.apps.find((app) => app.appId === bare)).toMatchObject({
      state: 'failed',
      error: { step: 'preflight', reason: 'the privacy guide does not declare what the code uses: Location (setprivacysetting)' },
    });
    expect(stateOf(done, declared!)).toBe('released');
    expect(await world.sandbox.client.calls({ path: '/wxa/submit_audit', appId: bare! })).toEqual([]);
  });
});
