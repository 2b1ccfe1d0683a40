import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetWorld } from '../support/fleet.js';
import { waitFor } from '../support/wait-for.js';

// The audit quota of the month and the plan's audit slots: the campaign waits for them, it never fails for them.
describe('audit quota and audit slots', () => {
  let world: FleetWorld;
  let next = 0;
  const take = (n: number) => world.appIds.slice(next, (next += n));

  beforeAll(async () => {
    world = await FleetWorld.start();
    await world.startInstance();
    await world.prepare(16);
  }, 60_000);
  afterAll(() => world?.close());

  it('submits no more audits than the quota has left, waits (saying so) and goes on when more is granted', async () => {
    const apps = take(6);
    await world.sandbox.client.setAuditQuota({ limit: 20, rest: 3 });
    const fleet = world.instances[0]!.fleet;
    const { id } = await fleet.start({ templateId: world.templateId, userVersion: '2.0.0', userDesc: 'quota', appIds: apps, plan: { preflight: false } });

    const waiting = await world.until(id, (c) => c.counts.released === 3 && c.counts.waiting === 3, '3 released and 3 waiting for quota');
    expect(waiting.status).toBe('running');
    expect(waiting.counts.failed).toBe(0);
    expect(waiting.apps.filter((app) => app.state === 'waiting').map((app) => app.waitingFor)).toEqual(['audit-quota', 'audit-quota', 'audit-quota']);
    expect(waiting.waitingFor.join('\n')).toContain('audit quota: none left this month (limit 20');
    expect(waiting.quota).toMatchObject({ rest: 0, limit: 20 });
    // The fleet knew only 3 were left: it never sent a submission WeChat would refuse.
    const submissions = (await world.sandbox.client.calls({ path: '/wxa/submit_audit', limit: 1000 })).filter((call) => apps.includes(call.appId!));
    expect(submissions.map((call) => call.errcode)).toEqual([0, 0, 0]);

    await world.sandbox.client.setAuditQuota({ limit: 40, rest: 20 });
    const done = await world.until(id, (c) => c.status === 'completed', 'the campaign to complete once quota is granted');
    expect(done.counts).toMatchObject({ released: 6, failed: 0 });
    expect(done.quota).toMatchObject({ limit: 40 });
  });

  it('a submission WeChat refuses with 85085 (quota spent elsewhere) waits for quota instead of failing', async () => {
    const [app, other] = take(2);
    await world.sandbox.client.setAuditQuota({ limit: 100, rest: 100 });
    await world.sandbox.client.injectFault({ path: '/wxa/submit_audit', appId: app!, errcode: 85085, times: 1 });
    const { id } = await world.instances[0]!.fleet.start({ templateId: world.templateId, userVersion: '2.0.0', userDesc: 'quota', appIds: [app!, other!], plan: { preflight: false } });
    const done = await world.until(id, (c) => c.status === 'completed', 'completed');
    expect(done.counts).toMatchObject({ released: 2, failed: 0 });
    const calls = await world.sandbox.client.calls({ path: '/wxa/submit_audit', appId: app! });
    expect(calls.map((call) => call.errcode)).toEqual([85085, 0]);
    // It read the quota again before trying once more.
    expect((await world.sandbox.client.calls({ path: '/wxa/queryquota', limit: 1000 })).some((call) => call.at >= calls[0]!.at && call.at <= calls[1]!.at)).toBe(true);
  });

  it('keeps at most plan.maxAuditsInFlight audits in review; a decided audit lets the next app in', async () => {
    const apps = take(5);
    await world.sandbox.client.updateSettings({ auditSeconds: 0 });
    try {
      const { id } = await world.instances[0]!.fleet.start({
        templateId: world.templateId,
        userVersion: '2.0.0',
        userDesc: 'slots',
        appIds: apps,
        plan: { preflight: false, maxAuditsInFlight: 2 },
      });
      const full = await world.until(id, (c) => c.counts.auditing === 2 && c.counts.waiting === 3, '2 in review, 3 in line');
      expect(full.apps.filter((app) => app.state === 'waiting').map((app) => app.waitingFor)).toEqual(['audit-slot', 'audit-slot', 'audit-slot']);
      expect(full.waitingFor.join('\n')).toContain('audit slots: 2 of 2 audits in review; 3 apps wait in line');
      const inReview = full.apps.filter((app) => app.state === 'auditing').map((app) => app.appId);
      // Two of the campaign's apps hold the slots (which two first depends on which jobs ran first on a busy machine).
      expect(inReview).toHaveLength(2);
      expect(inReview.every((appId) => apps.includes(appId))).toBe(true);

      await world.sandbox.client.decideAudit(inReview[0]!, { decision: 'approve' });
      const moved = await world.until(id, (c) => c.counts.released === 1 && c.counts.auditing === 2, 'the third app in review');
      expect(moved.apps.filter((app) => app.state === 'auditing' && !inReview.includes(app.appId))).toHaveLength(1);
      for (let round = 0; round < 4; round++) {
        const campaign = (await world.instances[0]!.fleet.getCampaign(id))!;
        expect(campaign.counts.auditing + campaign.counts.submitting).toBeLessThanOrEqual(2);
        const reviewing = campaign.apps.filter((app) => app.state === 'auditing');
        if (reviewing.length === 0) break;
        await world.sandbox.client.decideAudit(reviewing[0]!.appId, { decision: 'approve' });
        await world.until(id, (c) => c.counts.released >= campaign.counts.released + 1, 'one more released');
      }
      await world.until(id, (c) => c.status === 'completed', 'completed');
      const submissions = await world.sandbox.client.calls({ path: '/wxa/submit_audit', limit: 1000 });
      expect(submissions.filter((call) => apps.includes(call.appId!)).every((call) => call.errcode === 0)).toBe(true);
    } finally {
      await world.sandbox.client.updateSettings({ auditSeconds: 0.05 });
    }
  });

  it('refuses a bad request or an unknown template before touching any app', async () => {
    const fleet = world.instances[0]!.fleet;
    await expect(fleet.start({ templateId: 9999, userVersion: '2.0.0', userDesc: 'x', appIds: take(1) })).rejects.toMatchObject({ code: 'INVALID_CAMPAIGN' });
    await expect(fleet.start({ templateId: world.templateId, userVersion: '', userDesc: 'x', appIds: ['not-an-appid'], plan: { stages: [{ percentage: 120, holdMs: 1 }] } })).rejects.toMatchObject({
      code: 'INVALID_CAMPAIGN',
      problems: [expect.stringContaining('userVersion'), expect.stringContaining('not AppIDs'), expect.stringContaining('plan.stages[0].percentage')],
    });
    await waitFor(async () => ((await fleet.listCampaigns()).length === 3 ? true : undefined), 'three campaigns listed');
  });
});
