import { randomUUID } from 'node:crypto';
import { createCache } from 'cache-manager-7';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizerClientFactory, ComponentService, isAuthorizationEvent, WeChatComponentError } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { authorizeOnPage, connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { startRedisCluster, type OwnRedisCluster } from './support/redis-server.js';
import { CLUSTER_KINDS, keySpace, STORE_KINDS, type OpenStore } from './support/redis-stores.js';
import { REDIS_URL } from './support/redis.js';

const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';
const COMPONENT_TOKEN = '/cgi-bin/component/api_component_token';

// Every kind of `store` an app may already have, each in a real Nest app against the sandbox and the real Redis.
describe.each(Object.keys(STORE_KINDS))('a platform whose store is %s', (name) => {
  let sandbox: RunningSandbox;
  let opened: OpenStore;
  let keys: Awaited<ReturnType<typeof keySpace>>;
  let platform: TestPlatform;

  beforeAll(async () => {
    [sandbox, opened, keys] = await Promise.all([startTestSandbox(), STORE_KINDS[name]!(REDIS_URL), keySpace()]);
    platform = await startPlatform(sandbox, { store: opened.store, keyPrefix: keys.prefix });
  });
  afterAll(async () => {
    await platform?.close();
    await sandbox?.stop();
    await keys?.close();
    await opened?.close();
  });

  it('stores the pushed ticket in Redis and authorizes an account through the page and the push', async () => {
    await connect(sandbox, platform);
    const component = platform.get(ComponentService);
    expect(await component.getHealth()).toMatchObject({ ticket: true, store: 'redis' });

    const appId = (await sandbox.client.createAccount({ type: 'official_account', menu: true })).appId;
    await authorizeOnPage(await component.getAuthorizationUrl(`${platform.url}/callback`), appId);
    await platform.recorder.waitFor((event) => isAuthorizationEvent(event) && event.infoType === 'authorized' && event.authorizerAppId === appId);
    expect(await component.getAuthorizer(appId)).toMatchObject({ status: 'authorized' });
    await expect((await platform.get(AuthorizerClientFactory).getClient(appId)).menu.get()).resolves.toHaveProperty('menu');
  });
});

/**
 * Two instances, A on `stores[0]` and B on `stores[1]`, under one key prefix, against `sandbox`: WeChat pushes to A
 * (one instance behind the load balancer); `authorize` grants an account. They must share the ticket, the
 * authorizer, and one refresh of each token.
 */
async function expectTwoInstancesShareState(
  sandbox: RunningSandbox,
  stores: readonly [OpenStore, OpenStore],
  keyPrefix: string,
  authorize: (appId: string, b: TestPlatform) => Promise<unknown>,
): Promise<void> {
  const a = await startPlatform(sandbox, { store: stores[0].store, keyPrefix });
  const b = await startPlatform(sandbox, { store: stores[1].store, keyPrefix });
  const count = async (path: string) => (await sandbox.client.calls({ path, limit: 1000 })).length;
  try {
    await connect(sandbox, a);
    const appId = (await sandbox.client.createAccount({ type: 'official_account', menu: true })).appId;
    await authorize(appId, b);
    await a.recorder.waitFor((event) => isAuthorizationEvent(event) && event.infoType === 'authorized' && event.authorizerAppId === appId);
    expect(await b.get(ComponentService).getAuthorizer(appId)).toMatchObject({ status: 'authorized' });

    await sandbox.client.expireComponentToken();
    const componentBefore = await count(COMPONENT_TOKEN);
    await Promise.all(Array.from({ length: 20 }, (_, i) => [a, b][i % 2]!.get(ComponentService).createPreAuthCode()));
    expect((await count(COMPONENT_TOKEN)) - componentBefore).toBe(1);

    await sandbox.client.expireAuthorizerToken(appId);
    const authorizerBefore = await count(AUTHORIZER_TOKEN);
    const [clientA, clientB] = await Promise.all([a, b].map((p) => p.get(AuthorizerClientFactory).getClient(appId)));
    await expect(Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? clientA! : clientB!).menu.get()))).resolves.toHaveLength(30);
    expect((await count(AUTHORIZER_TOKEN)) - authorizerBefore).toBe(1);
    expect(await a.get(ComponentService).getAccessToken()).toBe(await b.get(ComponentService).getAccessToken());
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

describe('two instances on different kinds of client sharing one Redis', () => {
  // Pairs whose clients differ in library and version: the keys, scripts and values they write must agree.
  const pairs: Array<[string, string]> = [
    ['ioredis 5', 'cache-manager 7 + @keyv/redis'],
    ['cache-manager 5 + redis-yet', 'node-redis 6 (RESP3)'],
  ];
  it.each(pairs)('%s and %s share the ticket, the authorizer, and one refresh of each token', async (first, second) => {
    const [sandbox, keys, storeA, storeB] = await Promise.all([
      startTestSandbox(),
      keySpace(),
      STORE_KINDS[first]!(REDIS_URL),
      STORE_KINDS[second]!(REDIS_URL),
    ]);
    try {
      // Granted in WeChat, which pushes the authorization to A.
      await expectTwoInstancesShareState(sandbox, [storeA, storeB], keys.prefix, (appId) => sandbox.client.authorize(appId));
    } finally {
      await sandbox.stop();
      await keys.close();
      await Promise.all([storeA.close(), storeB.close()]);
    }
  });
});

describe('two instances on a Redis Cluster, one through node-redis and one through ioredis', () => {
  let cluster: OwnRedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(() => cluster.stop());

  it('share the ticket, the authorizer, and one refresh of each token (keys spread over the slots, fenced writes in one)', async () => {
    const [sandbox, storeA, storeB] = await Promise.all([
      startTestSandbox(),
      CLUSTER_KINDS['node-redis 5 cluster']!(cluster.nodes),
      CLUSTER_KINDS['ioredis 5 cluster']!(cluster.nodes),
    ]);
    try {
      // Granted on B's authorization page (B exchanges the code), while WeChat pushes the authorization to A.
      await expectTwoInstancesShareState(sandbox, [storeA, storeB], `test-${randomUUID()}`, async (appId, b) =>
        authorizeOnPage(await b.get(ComponentService).getAuthorizationUrl(`${b.url}/callback`), appId),
      );
    } finally {
      await sandbox.stop();
      await Promise.all([storeA.close(), storeB.close()]);
    }
  });
});

describe('a cache-manager 7 Cache whose Keyv has not connected yet (Keyv connects on first use)', () => {
  it('is connected by the module at start-up, so the first store call already works', async () => {
    const [sandbox, keys, opened] = await Promise.all([
      startTestSandbox(),
      keySpace(),
      STORE_KINDS['cache-manager 7 + @keyv/redis']!(REDIS_URL, { connect: false }),
    ]);
    const platform = await startPlatform(sandbox, { store: opened.store, keyPrefix: keys.prefix });
    try {
      expect(await platform.get(ComponentService).getHealth()).toMatchObject({ storeReachable: true, ticket: false, componentToken: false, store: 'redis' });
    } finally {
      await platform.close();
      await sandbox.stop();
      await keys.close();
      await opened.close();
    }
  });
});

describe('a store the module cannot use atomically', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());

  it('is refused at start-up with an error that says what to pass instead', async () => {
    const failure = await startPlatform(sandbox, { store: createCache({ stores: [new Keyv()] }) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WeChatComponentError);
    expect(failure).toMatchObject({ code: 'UNSUPPORTED_STORE' });
    expect((failure as Error).message).toContain('Keyv store(s) has a Redis client');
    expect((failure as Error).message).toContain('createKeyv(url)');
  });
});
