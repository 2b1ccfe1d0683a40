import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoConfig } from '../apps/demo/src/demo.config.js';
import { startDemo, type RunningDemo } from '../apps/demo/src/start-demo.js';
import { authorizeOnPage } from './support/platform.js';

describe('the demo platform on its in-process sandbox (the README contract)', () => {
  let demo: RunningDemo;
  const get = (path: string, init?: RequestInit) => fetch(`${demo.url}${path}`, { redirect: 'manual', ...init });

  beforeAll(async () => {
    demo = await startDemo({ ...readDemoConfig({}), port: 0, sandboxPort: 0 }, { logger: false });
    const deadline = Date.now() + 5000;
    const ticketAge = async () => ((await (await get('/health')).json()) as { details: { wechat: { ticketAgeMs: number | null } } }).details.wechat.ticketAgeMs;
    while ((await ticketAge()) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(() => demo.close());

  it('reads the environment: no WECHAT_COMPONENT_APPID means the sandbox', () => {
    expect(readDemoConfig({}).wechat).toBeUndefined();
    expect(readDemoConfig({ WECHAT_COMPONENT_APPID: '  ' }).wechat).toBeUndefined();
    expect(
      readDemoConfig({ WECHAT_COMPONENT_APPID: 'wx0123456789abcdef', PORT: '8080', REDIS_URL: 'redis://r', WECHAT_REFRESH_AHEAD_SECONDS: '600' }),
    ).toMatchObject({ port: 8080, redisUrl: 'redis://r', refreshAheadSeconds: 600, wechat: { componentAppId: 'wx0123456789abcdef' } });
  });

  it('GET /health (terminus): the ticket pushed by the sandbox, the memory store', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      info: { wechat: { status: 'up', store: 'memory', storeReachable: true, ticketAgeMs: expect.any(Number), componentToken: expect.any(Boolean) } },
    });
  });

  it('GET /authorize → 302 to the authorization page, callback → { appId }, then /authorizers and the menu', async () => {
    const start = await get('/authorize');
    expect(start.status).toBe(302);
    const location = start.headers.get('location')!;
    expect(location).toContain('/cgi-bin/componentloginpage?');
    expect(new URL(location).searchParams.get('redirect_uri')).toMatch(/\/authorize\/callback$/);

    const { appId } = (await demo.sandbox!.client.listAccounts({ type: 'official_account' })).items.find((a) => !a.testGroup)!;
    const callback = await authorizeOnPage(location, appId);
    const answer = await get(`${callback.pathname}${callback.search}`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ appId });

    const authorizers = (await (await get('/authorizers')).json()) as Array<{ appId: string; status: string; accessTokenExpiresAt: string }>;
    expect(authorizers).toEqual([{ appId, status: 'authorized', accessTokenExpiresAt: expect.stringMatching(/^\d{4}-/) }]);
    const menu = await get(`/authorizers/${appId}/menu`);
    expect(menu.status).toBe(200);
    expect(await menu.json()).toHaveProperty('menu.button');
  });

  it('answers 4xx JSON for an unknown authorizer and 502 with the errcode for a WeChat error', async () => {
    const unknown = await get('/authorizers/wx0000000000000000/menu');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: expect.stringContaining('not known') });

    const { appId } = await demo.sandbox!.client.createAccount({ type: 'official_account' }); // no menu: 46003
    await demo.sandbox!.client.authorize(appId); // returns once the push has been answered
    const noMenu = await get(`/authorizers/${appId}/menu`);
    expect(noMenu.status).toBe(502);
    expect(await noMenu.json()).toMatchObject({ errcode: 46003, error: expect.stringContaining('46003') });

    await demo.sandbox!.client.revoke(appId);
    expect((await get(`/authorizers/${appId}/menu`)).status).toBe(410);
    expect(((await (await get('/authorizers')).json()) as Array<{ appId: string; status: string }>).find((a) => a.appId === appId)?.status).toBe('revoked');
  });

  it('GET /authorize/callback without a code → 400', async () => {
    expect((await get('/authorize/callback')).status).toBe(400);
  });
});
