import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizerClientFactory, ComponentService } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { redisCache } from './support/redis.js';

// Each instance keeps the tokens it read in memory for a few seconds. WeChat keeps a replaced token working for
// about five minutes, so that is safe — and when WeChat does refuse a held token, the instance drops it at once.
// Here the sandbox refuses a replaced token at once (no grace period), the worst case.
describe('tokens held in memory by two instances sharing one Redis', () => {
  let sandbox: RunningSandbox;
  const redis: Array<Awaited<ReturnType<typeof redisCache>>> = [];
  let a: TestPlatform;
  let b: TestPlatform;
  let appId: string;

  // Both instances use the first connection's key prefix, which its close() clears.
  async function instance(): Promise<TestPlatform> {
    const connection = await redisCache();
    redis.push(connection);
    return startPlatform(sandbox, { store: connection.cache, keyPrefix: redis[0]!.prefix, reconcile: false });
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    sandbox.sandbox.updateSettings({ replacedTokenGraceSeconds: 0 });
    a = await instance();
    b = await instance();
    await connect(sandbox, a);
    appId = (await sandbox.client.createAccount({ type: 'official_account', menu: true })).appId;
    await sandbox.client.authorize(appId);
    await a.recorder.waitFor((event) => event.infoType === 'authorized');
  });
  afterAll(async () => {
    await Promise.all([a, b].map((platform) => platform.close()));
    await sandbox.stop();
    await Promise.all(redis.map((connection) => connection.close()));
  });

  it('an authorizer token refreshed by the other instance: the held one is refused once, dropped, and the call succeeds', async () => {
    const clientA = await a.get(AuthorizerClientFactory).getClient(appId);
    const held = await clientA.getAccessToken();
    await expect(clientA.menu.get()).resolves.toHaveProperty('menu');

    await b.get(ComponentService).refreshAuthorizerToken(appId); // B replaces it; the sandbox refuses the old one now
    const replaced = await (await b.get(AuthorizerClientFactory).getClient(appId)).getAccessToken();
    expect(replaced).not.toBe(held);
    expect(await clientA.getAccessToken()).toBe(held); // A still holds the old one (WeChat would still take it)

    const callsBefore = (await sandbox.client.calls({ limit: 1000 })).length;
    await expect(clientA.menu.get()).resolves.toHaveProperty('menu');
    const calls = (await sandbox.client.calls({ limit: 1000 })).slice(callsBefore);
    // Refused (40001) with the held token, then sent again with B's — no new token fetched.
    expect(calls.map((call) => call.path)).toEqual(['/cgi-bin/menu/get', '/cgi-bin/menu/get']);
    expect(await clientA.getAccessToken()).toBe(replaced);
  });

  it('the component token refreshed by the other instance: the same', async () => {
    const held = await a.get(ComponentService).getAccessToken();
    const replaced = await b.get(ComponentService).refreshAccessToken();
    expect(replaced).not.toBe(held);
    await expect(a.get(ComponentService).createPreAuthCode()).resolves.toHaveProperty('pre_auth_code');
    expect(await a.get(ComponentService).getAccessToken()).toBe(replaced);
  });
});
