import 'reflect-metadata';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentService } from 'nestjs-wechat-component';
import { WeChatComponentHealthIndicator } from 'nestjs-wechat-component/health';
import { readDemoConfig } from '../apps/demo/src/demo.config.js';
import { startDemo, type RunningDemo } from '../apps/demo/src/start-demo.js';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { startRedisServer, type TestRedisServer } from './support/redis-server.js';
import { startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { postXml, signedEventPush, ticketXml } from './support/push.js';
import { waitFor } from './support/wait-for.js';

const HOUR_MS = 3_600_000;

/** Terminus endpoints with the indicator's options: as wired by default, and strict. */
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly wechat: WeChatComponentHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.wechat.isHealthy('wechat')]);
  }

  @Get('strict')
  @HealthCheck()
  strict(): Promise<HealthCheckResult> {
    return this.health.check([() => this.wechat.isHealthy('wechat', { maxTicketAgeMs: 30 * 60_000, requireComponentToken: true })]);
  }
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('getHealth() and the terminus indicator, on the memory store', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  let component: ComponentService;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox, {
      reconcile: false,
      imports: [TerminusModule],
      controllers: [HealthController],
      providers: [WeChatComponentHealthIndicator],
    });
    component = platform.get(ComponentService);
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  it('before any ticket: the store answers, no ticket and no token; up by default, down when strict', async () => {
    expect(await component.getHealth()).toEqual({
      storeReachable: true,
      store: 'memory',
      ticket: false,
      ticketAgeMs: null,
      componentToken: false,
      componentTokenExpiresInMs: null,
    });
    const relaxed = await getJson(`${platform.url}/health`);
    expect(relaxed.status).toBe(200);
    expect(relaxed.body).toMatchObject({ status: 'ok', info: { wechat: { status: 'up', storeReachable: true, ticketAgeMs: null } } });

    const strict = await getJson(`${platform.url}/health/strict`);
    expect(strict.status).toBe(503);
    expect(strict.body).toMatchObject({
      status: 'error',
      error: { wechat: { status: 'down', message: expect.stringMatching(/no verify ticket stored.*no usable component access token/) } },
    });
  });

  it('reports the age of the stored ticket from its CreateTime; a stale one is down when strict', async () => {
    const credentials = { componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey };
    const anHourAgo = Math.floor((Date.now() - HOUR_MS) / 1000);
    const push = signedEventPush(credentials, ticketXml(sandbox.componentAppId, 'ticket@@@an-hour-old', anHourAgo));
    expect((await postXml(platform.eventsUrl, push.query, push.body)).status).toBe(200);

    const health = await component.getHealth();
    expect(health).toMatchObject({ storeReachable: true, ticket: true });
    expect(health.ticketAgeMs).toBeGreaterThanOrEqual(HOUR_MS);
    expect(health.ticketAgeMs).toBeLessThan(12 * HOUR_MS);
    expect((await getJson(`${platform.url}/health/strict`)).body).toMatchObject({
      error: { wechat: { message: expect.stringMatching(/verify ticket is 36\d\d s old/) } },
    });
  });

  it('with a fresh ticket and a component token: up even when strict', async () => {
    sandbox.setPushTargets({ eventUrl: platform.eventsUrl });
    await sandbox.client.pushTicket();
    await waitFor(async () => ((await component.getHealth()).ticketAgeMs! < HOUR_MS ? true : undefined), 'the fresh ticket');
    await component.getAccessToken();

    const health = await component.getHealth();
    expect(health.componentToken).toBe(true);
    expect(health.componentTokenExpiresInMs).toBeGreaterThan(0);
    const strict = await getJson(`${platform.url}/health/strict`);
    expect(strict.status).toBe(200);
    expect(strict.body).toMatchObject({ status: 'ok', info: { wechat: { status: 'up', componentToken: true } } });
  });
});

describe('the demo\'s /health (terminus) through a Redis outage', () => {
  let redis: TestRedisServer;
  let demo: RunningDemo;

  beforeAll(async () => {
    redis = await startRedisServer();
    demo = await startDemo({ ...readDemoConfig({}), port: 0, sandboxPort: 0, redisUrl: redis.url }, { logger: false });
  });
  afterAll(async () => {
    if (!redis.running) await redis.restart(); // (a failed test left it down) so the demo's clients can quit
    await demo.close();
    await redis.stop();
  });

  it('is up on Redis, answers down (503) while Redis is gone, and up again once it is back — no restart', async () => {
    const up = await waitFor(async () => {
      const health = await getJson(`${demo.url}/health`);
      return (health.body.details as { wechat: { ticketAgeMs: number | null } }).wechat.ticketAgeMs !== null ? health : undefined;
    }, 'the first ticket');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', info: { wechat: { status: 'up', store: 'redis', storeReachable: true } } });

    await redis.kill();
    const down = await getJson(`${demo.url}/health`); // answers: the check waits 1 s for the store, not for Redis
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'error',
      error: { wechat: { status: 'down', storeReachable: false, message: expect.stringContaining('store unreachable') } },
    });

    await redis.restart();
    const back = await waitFor(async () => {
      const health = await getJson(`${demo.url}/health`);
      return health.status === 200 ? health : undefined;
    }, 'the store back', 10_000);
    expect(back.body).toMatchObject({ status: 'ok', info: { wechat: { status: 'up', storeReachable: true } } });
  });
});
