import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../../apps/demo/src/start-demo.js';
import type { ReleaseView } from '../../apps/demo/src/fleet/fleet.controller.js';
import { deleteKeys } from '../support/fleet.js';
import { REDIS_URL } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const MINI_PROGRAMS = 12;

// Issue 13, "The demo's contract", and the progress page in Chromium.
describe('the demo’s release routes and progress page (REDIS_URL set, in-process sandbox)', () => {
  const prefix = `test-fleet-demo-${randomUUID()}`;
  let demo: RunningDemo;
  let browser: Browser;
  let appIds: string[];
  let templateId: number;
  let firstId: string;
  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${demo.url}${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };
  const release = async (id: string) => (await call('GET', `/fleet/releases/${id}`)).body as unknown as ReleaseView;
  const until = (id: string, check: (view: ReleaseView) => boolean, what: string) =>
    waitFor(async () => {
      const view = await release(id);
      return check(view) ? view : undefined;
    }, what, 20_000);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Debian's chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
    demo = await startDemo({ port: 0, sandboxPort: 0, redisUrl: REDIS_URL, keyPrefix: `${prefix}:wechat`, fleetPrefix: `${prefix}:fleet` }, { logger: false });
    const sandbox = demo.sandbox!.client;
    await sandbox.updateSettings({ auditSeconds: 0.1 });
    await sandbox.setAuditQuota({ limit: 1000, rest: 1000 });
    type Health = { info?: { wechat?: { ticketAgeMs: number | null } } };
    await waitFor(async () => ((((await (await fetch(`${demo.url}/health`)).json()) as Health).info?.wechat?.ticketAgeMs ?? null) !== null ? true : undefined), 'the ticket');
    // Merchants authorize the platform; the demo exchanges each authorization pushed to it.
    const { accounts } = await sandbox.createAccounts({ count: MINI_PROGRAMS, type: 'mini_program' });
    appIds = accounts.map((account) => account.appId);
    for (const appId of appIds) await sandbox.authorize(appId);
    await waitFor(async () => {
      const listed = (await (await fetch(`${demo.url}/authorizers`)).json()) as Array<{ appId: string }>;
      return appIds.every((appId) => listed.some((row) => row.appId === appId)) ? true : undefined;
    }, 'every authorization exchanged');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await deleteKeys(`${prefix}:*`);
  });

  it('POST /fleet/templates → 201 { templateId }', async () => {
    const { draftId } = await demo.sandbox!.client.uploadCodeDraft({ userVersion: '2.0.0', userDesc: '点餐 2.0', privacyKeys: [] });
    const added = await call('POST', '/fleet/templates', { draftId });
    expect(added).toEqual({ status: 201, body: { templateId: expect.any(Number) } });
    templateId = added.body['templateId'] as number;
    expect((await call('POST', '/fleet/templates', { draftId: 'x' })).status).toBe(400);
  });

  it('POST /fleet/releases without appIds releases to every authorized mini program; GET shows counts, states and reasons', async () => {
    const reasons = new Map([
      [appIds[2]!, '1:小程序页面内容不完整，请完善后再提交审核。'],
      [appIds[7]!, '2:类目与服务内容不符。'],
    ]);
    for (const [appId, reason] of reasons) await demo.sandbox!.client.scriptAudits(appId, { decisions: [{ decision: 'reject', reason, screenshot: 'shot1' }] });
    const started = await call('POST', '/fleet/releases', { templateId, userVersion: '2.0.0', userDesc: '点餐 2.0' });
    expect(started).toEqual({ status: 201, body: { id: expect.any(String) } });
    firstId = started.body['id'] as string;

    const done = await until(firstId, (view) => view.status === 'completed', 'the release to complete');
    expect(done).toMatchObject({ id: firstId, status: 'completed', total: MINI_PROGRAMS, counts: { released: MINI_PROGRAMS - 2, failed: 2 } });
    expect(done.apps.map((app) => app.appId).sort()).toEqual([...appIds].sort());
    for (const app of done.apps) {
      if (reasons.has(app.appId)) expect(app).toEqual({ appId: app.appId, state: 'failed', error: { reason: reasons.get(app.appId), screenshot: 'shot1' } });
      else expect(app).toEqual({ appId: app.appId, state: 'released' });
    }
    expect((await call('POST', '/fleet/releases', { templateId, userVersion: '', userDesc: 'x' })).status).toBe(400);
    expect((await call('GET', '/fleet/releases/nope')).status).toBe(404);
  });

  it('POST …/pause, …/resume, …/cancel → 200 (409 when the status refuses)', async () => {
    await demo.sandbox!.client.updateSettings({ auditSeconds: 0 });
    const { body } = await call('POST', '/fleet/releases', { templateId, userVersion: '2.0.1', userDesc: '修复', appIds: appIds.slice(0, 3) });
    const id = body['id'] as string;
    await until(id, (view) => view.counts.auditing === 3, 'three in review');
    expect(await call('POST', `/fleet/releases/${id}/pause`)).toEqual({ status: 200, body: { status: 'paused' } });
    expect((await release(id)).status).toBe('paused');
    expect((await call('POST', `/fleet/releases/${id}/pause`)).status).toBe(409);
    expect(await call('POST', `/fleet/releases/${id}/resume`)).toEqual({ status: 200, body: { status: 'running' } });
    expect(await call('POST', `/fleet/releases/${id}/cancel`)).toEqual({ status: 200, body: { status: 'cancelled' } });
    const cancelled = await until(id, (view) => view.counts.cancelled === 3, 'all three cancelled');
    expect(cancelled.status).toBe('cancelled');
    expect((await call('POST', `/fleet/releases/${id}/resume`)).status).toBe(409);
    expect((await call('POST', '/fleet/releases/nope/cancel')).status).toBe(404);
    // Cancelling left their audits with WeChat: the reviewers decide them.
    for (const appId of appIds.slice(0, 3)) await demo.sandbox!.client.decideAudit(appId, { decision: 'reject', reason: '已取消' });
  });

  it('GET /fleet in Chromium: live bars and counts per state, failures with reasons, working buttons', async () => {
    // A release in progress: 4 audits of quota left, reviews that take their time.
    await demo.sandbox!.client.setAuditQuota({ limit: 1000, rest: 4 });
    const { body } = await call('POST', '/fleet/releases', { templateId, userVersion: '2.1.0', userDesc: '新菜单' });
    const id = body['id'] as string;
    await until(id, (view) => view.counts.auditing === 4 && view.counts.waiting === MINI_PROGRAMS - 4, '4 in review, the rest waiting for quota');

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${demo.url}/fleet`);
    const live = page.locator(`section.campaign[data-id="${id}"]`);
    const first = page.locator(`section.campaign[data-id="${firstId}"]`);
    await expect.poll(() => live.locator('b.count[data-state="auditing"]').textContent(), { timeout: 10_000 }).toBe('4');
    expect(await live.locator('b.count[data-state="waiting"]').textContent()).toBe(String(MINI_PROGRAMS - 4));
    expect(await live.locator('.waits').innerText()).toContain('audit quota: none left this month');
    expect(await first.locator('b.count[data-state="released"]').textContent()).toBe(String(MINI_PROGRAMS - 2));
    expect(await first.locator('b.count[data-state="failed"]').textContent()).toBe('2');
    expect(await first.locator('table.failures td.reason').allInnerTexts()).toEqual(expect.arrayContaining(['2:类目与服务内容不符。']));
    expect(await first.locator('.bar span[data-state="released"]').getAttribute('style')).toContain(`width:${(100 * (MINI_PROGRAMS - 2)) / MINI_PROGRAMS}%`);
    await page.screenshot({ path: new URL('fleet-progress.png', ARTIFACTS).pathname, fullPage: true });

    // The buttons steer the campaign; the page follows.
    await live.locator('button[data-action="pause"]').click();
    await expect.poll(() => live.getAttribute('data-status'), { timeout: 10_000 }).toBe('paused');
    await live.locator('button[data-action="resume"]').click();
    await expect.poll(() => live.getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await live.locator('button[data-action="cancel"]').click();
    await expect.poll(() => live.getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');
    // Its apps are free again: the first release's failed apps can be retried (they wait for quota now).
    await first.locator('button[data-action="retry"]').click();
    await expect.poll(() => first.getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await page.close();
  });
});
