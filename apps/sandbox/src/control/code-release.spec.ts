import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../testing/fixture.js';

// What a release campaign meets: scripted reviewers, pushes that never arrive, the audit quota, code history.
let f: Fixture;
let templateId: number;

async function miniProgram(): Promise<{ appId: string; q: { access_token: string } }> {
  const { appId } = await f.sandbox.client.createAccount({ type: 'mini_program' });
  return { appId, q: { access_token: (await f.authorize(appId)).accessToken } };
}

async function statusOf(q: { access_token: string }, auditid: unknown): Promise<Record<string, unknown>> {
  return f.wx.post('/wxa/get_auditstatus', { auditid }, q);
}

/** Polls `get_auditstatus` until the status is `status` (the automatic reviewer decides on a timer). */
async function until(q: { access_token: string }, auditid: unknown, status: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 500; i++) {
    const answer = await statusOf(q, auditid);
    if (answer['status'] === status) return answer;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`audit ${String(auditid)} never reached status ${status}`);
}

beforeAll(async () => {
  f = await startFixture({ auditSeconds: 0.02 });
  const componentToken = await f.componentToken();
  await f.wx.post('/wxa/addtotemplate', { draft_id: 0 }, { access_token: componentToken });
  const list = await f.wx.get('/wxa/gettemplatelist', { component_access_token: componentToken });
  templateId = (list['template_list'] as Array<{ template_id: number }>)[0]!.template_id;
});
afterAll(() => f.stop());

describe('scripted reviewers', () => {
  it('delay, then reject with a reason and screenshots, then approve — each pushed — in the order scripted', async () => {
    const { appId, q } = await miniProgram();
    await f.sandbox.client.scriptAudits(appId, {
      decisions: [
        { decision: 'delay', reason: '需要补充材料' },
        { decision: 'reject', reason: '1:页面空白', screenshot: 'media1|media2' },
      ],
    });
    await f.wx.post('/wxa/commit', { template_id: templateId, ext_json: '{}', user_version: '1.0.0', user_desc: 'x' }, q);
    const first = (await f.wx.post('/wxa/submit_audit', {}, q))['auditid'];
    await f.receiver.waitFor((push) => push.message['Event'] === 'weapp_audit_delay' && push.path.includes(appId));
    expect(await until(q, first, 1)).toMatchObject({ status: 1, reason: '1:页面空白', screenshot: 'media1|media2' });
    const failed = await f.receiver.waitFor((push) => push.message['Event'] === 'weapp_audit_fail' && push.path.includes(appId));
    expect(failed.message).toMatchObject({ Reason: '1:页面空白', ScreenShot: 'media1|media2' });

    const second = (await f.wx.post('/wxa/submit_audit', {}, q))['auditid'];
    expect(await until(q, second, 0)).toMatchObject({ status: 0 });
    expect((await f.sandbox.client.miniProgram(appId))).toMatchObject({ commits: 1, audits: 2 });
  });

  it('a decision with push: false changes the status but WeChat never pushes it', async () => {
    const { appId, q } = await miniProgram();
    await f.sandbox.client.scriptAudits(appId, { decisions: [{ decision: 'approve', push: false }] });
    await f.wx.post('/wxa/commit', { template_id: templateId, ext_json: '{}', user_version: '1.0.0', user_desc: 'x' }, q);
    const auditid = (await f.wx.post('/wxa/submit_audit', {}, q))['auditid'];
    await until(q, auditid, 0);
    // The status changes and the push starts in the same turn of the sandbox's event loop: none was started.
    expect(await f.sandbox.client.pushes({ kind: 'message', appId })).toEqual([]);

    const { appId: other, q: otherQ } = await miniProgram();
    await f.sandbox.client.updateSettings({ auditSeconds: 0 });
    try {
      await f.wx.post('/wxa/commit', { template_id: templateId, ext_json: '{}', user_version: '1.0.0', user_desc: 'x' }, otherQ);
      await f.wx.post('/wxa/submit_audit', {}, otherQ);
      expect(await f.sandbox.client.decideAudit(other, { decision: 'reject', reason: '不通过', screenshot: 'm1', push: false })).toMatchObject({ status: 1, pushWithheld: true });
      expect(await f.wx.get('/wxa/get_latest_auditstatus', otherQ)).toMatchObject({ status: 1, reason: '不通过', screenshot: 'm1' });
    } finally {
      await f.sandbox.client.updateSettings({ auditSeconds: 0.02 });
    }
  });

  it('refuses malformed scripts with 400', async () => {
    const { appId } = await miniProgram();
    await expect(f.sandbox.client.scriptAudits(appId, { decisions: [{ decision: 'maybe' as never }] })).rejects.toMatchObject({ status: 400 });
    await expect(f.sandbox.client.scriptAudits(appId, { decisions: [{ decision: 'approve', afterSeconds: -1 }] })).rejects.toMatchObject({ status: 400 });
    await expect(f.sandbox.client.scriptAudits(appId, { decisions: [{ decision: 'approve', extra: 1 } as never] })).rejects.toMatchObject({ status: 400 });
    expect(await f.sandbox.client.scriptAudits(appId, { decisions: [] })).toEqual({ scripted: 0 });
  });
});

describe('audit quota', () => {
  it('is set through the control API; an exhausted quota answers 85085 until more is granted', async () => {
    const { q } = await miniProgram();
    await f.wx.post('/wxa/commit', { template_id: templateId, ext_json: '{}', user_version: '1.0.0', user_desc: 'x' }, q);
    expect(await f.sandbox.client.setAuditQuota({ limit: 50, rest: 0 })).toMatchObject({ limit: 50, rest: 0 });
    expect(await f.wx.get('/wxa/queryquota', q)).toMatchObject({ rest: 0, limit: 50 });
    expect((await f.wx.post('/wxa/submit_audit', {}, q))['errcode']).toBe(85085);
    expect(await f.sandbox.client.setAuditQuota({ rest: 1 })).toMatchObject({ limit: 50, rest: 1 });
    expect((await f.wx.post('/wxa/submit_audit', {}, q))['errcode']).toBe(0);
    expect(await f.sandbox.client.auditQuota()).toMatchObject({ rest: 0 });
    await expect(f.sandbox.client.setAuditQuota({ rest: -1 })).rejects.toMatchObject({ status: 400 });
    await expect(f.sandbox.client.setAuditQuota({ more: 1 } as never)).rejects.toMatchObject({ status: 400 });
    await f.sandbox.client.setAuditQuota({ limit: 100, rest: 100 });
  });
});

describe('code history', () => {
  it('lists every mini program with commits and accepted submissions (refused ones not counted)', async () => {
    const { appId, q } = await miniProgram();
    await f.sandbox.client.updateSettings({ auditSeconds: 0 });
    try {
      await f.wx.post('/wxa/commit', { template_id: templateId, ext_json: '{}', user_version: '2.0.0', user_desc: 'x' }, q);
      await f.wx.post('/wxa/commit', { template_id: templateId, ext_json: '{}', user_version: '2.0.1', user_desc: 'x' }, q);
      await f.wx.post('/wxa/submit_audit', {}, q);
      expect((await f.wx.post('/wxa/submit_audit', {}, q))['errcode']).toBe(85009);
      const summary = (await f.sandbox.client.miniPrograms()).find((mp) => mp.appId === appId);
      expect(summary).toEqual({ appId, commits: 2, audits: 1, experienceVersion: '2.0.1', latestAudit: { auditid: expect.any(Number), status: 2 } });
    } finally {
      await f.sandbox.client.updateSettings({ auditSeconds: 0.02 });
    }
  });
});
