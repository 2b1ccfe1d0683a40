import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizerClientFactory, ComponentService } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { redisCache } from './support/redis.js';

const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';
const COMPONENT_TOKEN = '/cgi-bin/component/api_component_token';

describe('two instances sharing one Redis', () => {
  let sandbox: RunningSandbox;
  const redis: Array<Awaited<ReturnType<typeof redisCache>>> = [];
  let a: TestPlatform;
  let b: TestPlatform;
  let keyPrefix: string;
  let appId: string;

  async function instance(): Promise<TestPlatform> {
    const connection = await redisCache();
    redis.push(connection);
    return startPlatform(sandbox, { store: connection.cache, keyPrefix });
  }
  const count = async (path: string) => (await sandbox.client.calls({ path, limit: 1000 })).length;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    keyPrefix = `test-instances-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    a = await instance();
    b = await instance();
    await connect(sandbox, a); // WeChat pushes to one instance behind the load balancer
    appId = (await sandbox.client.createAccount({ type: 'official_account', menu: true })).appId;
    await sandbox.client.authorize(appId);
    await a.recorder.waitFor((event) => event.infoType === 'authorized');
  });
  afterAll(async () => {
    await Promise.all([a, b].map((platform) => platform.close()));
    await sandbox.stop();
    for (const connection of redis) {
      const client = (connection.cache.store as unknown as { client: { keys(p: string): Promise<string[]>; del(k: string[]): Promise<number> } }).client;
      const keys = await client.keys(`${keyPrefix}:*`);
      if (keys.length) await client.del(keys);
    }
    await Promise.all(redis.map((connection) => connection.close()));
  });

  it('shares the ticket, the authorizer and its tokens', async () => {
    expect(await b.get(ComponentService).getHealth()).toMatchObject({ ticket: true, store: 'redis' });
    expect(await b.get(ComponentService).getAuthorizer(appId)).toMatchObject({ status: 'authorized' });
    await expect((await b.get(AuthorizerClientFactory).getClient(appId)).menu.get()).resolves.toHaveProperty('menu');
    expect(await count(AUTHORIZER_TOKEN)).toBe(0);
    expect(await a.get(ComponentService).getAccessToken()).toBe(await b.get(ComponentService).getAccessToken());
    expect(await count(COMPONENT_TOKEN)).toBe(1);
  });

  it('refreshes an expired token once between them', async () => {
    await sandbox.client.expireAuthorizerToken(appId);
    const [clientA, clientB] = await Promise.all([a, b].map((p) => p.get(AuthorizerClientFactory).getClient(appId)));
    const calls = Array.from({ length: 30 }, (_, i) => (i % 2 ? clientA! : clientB!).menu.get());
    await expect(Promise.all(calls)).resolves.toHaveLength(30);
    expect(await count(AUTHORIZER_TOKEN)).toBe(1);
  });

  it('refreshes the component token once between them', async () => {
    await sandbox.client.expireComponentToken();
    const before = await count(COMPONENT_TOKEN);
    await Promise.all(Array.from({ length: 20 }, (_, i) => [a, b][i % 2]!.get(ComponentService).createPreAuthCode()));
    expect((await count(COMPONENT_TOKEN)) - before).toBe(1);
  });

  it('keeps the state over a restart', async () => {
    const tokenBefore = await a.get(ComponentService).getAccessToken();
    await b.close();
    b = await instance();
    const callsBefore = (await sandbox.client.calls({ limit: 1000 })).length;
    expect(await b.get(ComponentService).getAccessToken()).toBe(tokenBefore);
    await expect((await b.get(AuthorizerClientFactory).getClient(appId)).menu.get()).resolves.toHaveProperty('menu');
    const newCalls = (await sandbox.client.calls({ limit: 1000 })).slice(callsBefore).map((call) => call.path);
    expect(newCalls).toEqual(['/cgi-bin/menu/get']);
  });

  it('sees a revocation pushed to the other instance', async () => {
    await sandbox.client.revoke(appId);
    await a.recorder.waitFor((event) => event.infoType === 'unauthorized');
    await expect(b.get(AuthorizerClientFactory).getClient(appId)).rejects.toMatchObject({ code: 'AUTHORIZER_REVOKED' });
  });
});
