import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizerClientFactory, type AuthorizerClient } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { errcodeOf, startApiWorld, type ApiWorld } from './support/api-platform.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { redisCache } from './support/redis.js';

// jsapi: tickets cached and refreshed like tokens, wx.config signatures the (simulated) WeChat client accepts.
const GETTICKET = '/cgi-bin/ticket/getticket';
const PAGE = 'https://shop.example.com/menu?table=7';

async function ticketCalls(sandbox: RunningSandbox): Promise<number> {
  return (await sandbox.client.calls({ path: GETTICKET, limit: 1000 })).length;
}

describe('JS-SDK on one instance', () => {
  let world: ApiWorld;
  let oa: AuthorizerClient;

  beforeAll(async () => {
    world = await startApiWorld();
    oa = await world.authorized('official_account');
  });
  afterAll(() => world.stop());

  it('signs wx.config with a ticket fetched once and reused; WeChat’s client accepts it', async () => {
    const config = await oa.jsapi.getJsConfig(`${PAGE}#/cart`, { jsApiList: ['chooseImage', 'scanQRCode'], openTagList: ['wx-open-launch-weapp'] });
    expect(config).toMatchObject({ appId: oa.appId, url: PAGE, jsApiList: ['chooseImage', 'scanQRCode'], openTagList: ['wx-open-launch-weapp'] });
    expect(config.nonceStr).toMatch(/^[\w-]{16}$/);
    const again = await oa.jsapi.getJsConfig(PAGE);
    expect(await oa.jsapi.getJsapiTicket()).toBe(await oa.jsapi.getJsapiTicket());
    expect(await ticketCalls(world.sandbox)).toBe(1);

    const check = (input: { url: string; timestamp: number; nonceStr: string; signature: string }) => world.sandbox.client.checkJsSdkConfig(oa.appId, input);
    expect(await check(config)).toEqual({ errMsg: 'config:ok' });
    expect(await check({ ...again, url: `${PAGE}#anything` })).toEqual({ errMsg: 'config:ok' });
    expect(await check({ ...config, url: 'https://shop.example.com/other' })).toEqual({ errMsg: 'config:invalid signature' });
    expect(await check({ ...config, timestamp: config.timestamp + 1 })).toEqual({ errMsg: 'config:invalid signature' });
    const ticket = await oa.jsapi.getJsapiTicket();
    expect(oa.jsapi.getJsapiSignature(config.nonceStr, ticket, config.timestamp, PAGE)).toBe(config.signature);
  });

  it('refreshes the ticket on demand; a page signed with the previous ticket configures until WeChat replaces it again', async () => {
    const old = await oa.jsapi.getJsConfig(PAGE);
    const before = await ticketCalls(world.sandbox);
    const fresh = await oa.jsapi.refreshTicket();
    expect(await ticketCalls(world.sandbox)).toBe(before + 1);
    expect(await oa.jsapi.getJsapiTicket()).toBe(fresh);
    const signed = await oa.jsapi.getJsConfig(PAGE);
    expect((await world.sandbox.client.checkJsSdkConfig(oa.appId, signed)).errMsg).toBe('config:ok');
    expect((await world.sandbox.client.checkJsSdkConfig(oa.appId, old)).errMsg).toBe('config:ok');
    // An uncached getticket makes WeChat issue yet another ticket: the oldest of the three stops working.
    expect((await oa.jsapi.getTicket('jsapi')).ticket).not.toBe(fresh);
    expect((await world.sandbox.client.checkJsSdkConfig(oa.appId, old)).errMsg).toBe('config:invalid signature');
    expect((await world.sandbox.client.checkJsSdkConfig(oa.appId, signed)).errMsg).toBe('config:ok');
  });

  it('keeps the wx_card ticket apart and signs card parameters with it', async () => {
    const cardTicket = await oa.jsapi.getJsapiCardTicket();
    expect(cardTicket).not.toBe(await oa.jsapi.getJsapiTicket());
    const params = await oa.jsapi.getJsapiCardParams('GROUPON', { timestamp: 1700000000, nonceStr: 'abc' });
    const expected = createHash('sha1').update([cardTicket, oa.appId, 'GROUPON', '1700000000', 'abc'].sort().join('')).digest('hex');
    expect(params).toEqual({ appId: oa.appId, cardType: 'GROUPON', timestamp: 1700000000, nonceStr: 'abc', signType: 'SHA1', cardSign: expected });
    const ext = await oa.jsapi.getJsapiAddCardParams('pCARD', { openid: 'o1', timestamp: 1700000000, nonceStr: 'n' });
    expect(ext.signature).toBe(createHash('sha1').update(['n', cardTicket, '1700000000', '', 'o1', 'pCARD'].sort().join('')).digest('hex'));
  });

  it('needs 网页服务 (61007) and an official account (48001)', async () => {
    const limited = await world.authorized('official_account', [1]);
    expect(await errcodeOf(limited.jsapi.getJsapiTicket())).toBe(61007);
    const mp = await world.authorized('mini_program');
    expect(await errcodeOf(mp.jsapi.getTicket())).toBe(48001);
  });
});

describe('JS-SDK on two instances sharing Redis', () => {
  let sandbox: RunningSandbox;
  const redis: Array<Awaited<ReturnType<typeof redisCache>>> = [];
  const platforms: TestPlatform[] = [];
  let appId: string;
  let keyPrefix: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    keyPrefix = `test-jsapi-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    for (let i = 0; i < 2; i++) {
      const connection = await redisCache();
      redis.push(connection);
      platforms.push(await startPlatform(sandbox, { store: connection.cache, keyPrefix }));
    }
    await connect(sandbox, platforms[0]!);
    appId = (await sandbox.client.createAccount({ type: 'official_account' })).appId;
    await sandbox.client.authorize(appId);
    await platforms[0]!.recorder.waitFor((event) => event.infoType === 'authorized');
  });
  afterAll(async () => {
    await Promise.all(platforms.map((platform) => platform.close()));
    await sandbox.stop();
    for (const connection of redis) {
      const client = (connection.cache.store as unknown as { client: { keys(p: string): Promise<string[]>; del(k: string[]): Promise<number> } }).client;
      const keys = await client.keys(`${keyPrefix}:*`); // this run's keys only
      if (keys.length) await client.del(keys);
    }
    await Promise.all(redis.map((connection) => connection.close()));
  });

  it('fetches one ticket for both, and a refresh asked by both at once happens once', async () => {
    const clients = await Promise.all(platforms.map((platform) => platform.get(AuthorizerClientFactory).getClient(appId)));
    const configs = await Promise.all(Array.from({ length: 20 }, (_, i) => clients[i % 2]!.jsapi.getJsConfig(PAGE)));
    expect(await ticketCalls(sandbox)).toBe(1);
    expect(new Set(await Promise.all(clients.map((client) => client.jsapi.getJsapiTicket()))).size).toBe(1);
    for (const config of configs.slice(0, 2)) expect((await sandbox.client.checkJsSdkConfig(appId, config)).errMsg).toBe('config:ok');

    const refreshed = await Promise.all(clients.map((client) => client.jsapi.refreshTicket()));
    expect(refreshed[0]).toBe(refreshed[1]);
    expect(await ticketCalls(sandbox)).toBe(2);
    expect(await clients[1]!.jsapi.getJsapiTicket()).toBe(refreshed[0]);
  });
});
