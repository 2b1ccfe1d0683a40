// One platform instance of the fleet benchmark, in its own process: `node platform-main.js <json settings>`.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ComponentService, WeChatComponentModule } from 'nestjs-wechat-component';
import { FleetReleaseService, WeChatFleetModule } from 'nestjs-wechat-component/fleet';
import { serveParent, type ChildMessage } from '../lib/child.js';
import { benchRedis, REDIS_URL } from '../lib/redis.js';

/** What the runner passes to an instance. */
export interface FleetPlatformSettings {
  readonly sandboxUrl: string;
  readonly componentAppId: string;
  readonly componentAppSecret: string;
  readonly token: string;
  readonly encodingAESKey: string;
  readonly keyPrefix: string;
  readonly fleetPrefix: string;
  readonly rateLimitPerSecond: number;
  readonly concurrency: number;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as FleetPlatformSettings;
const redis = await benchRedis();

@Module({
  imports: [
    WeChatComponentModule.forRoot({
      componentAppId: settings.componentAppId,
      componentAppSecret: settings.componentAppSecret,
      token: settings.token,
      encodingAESKey: settings.encodingAESKey,
      apiBaseUrl: settings.sandboxUrl,
      store: redis.cache,
      keyPrefix: settings.keyPrefix,
      refresh: { cron: '0 0 0 1 1 *', concurrency: 50, maxPerPass: 1_000_000, rateLimitPerSecond: 100_000 },
      reconcile: false,
    }),
    WeChatFleetModule.forRoot({
      connection: { url: REDIS_URL },
      prefix: settings.fleetPrefix,
      rateLimit: { max: settings.rateLimitPerSecond, durationMs: 1000 },
      concurrency: settings.concurrency,
      // Approvals are instant and pushed: the poll is only a safety net.
      auditPollMs: 30_000,
      tickMs: 1000,
    }),
  ],
})
class FleetBenchModule {}

const app = await NestFactory.create(FleetBenchModule, { logger: ['error'], abortOnError: false });
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };
const fleet = app.get(FleetReleaseService);

async function handle(message: ChildMessage): Promise<Record<string, unknown>> {
  switch (message.type) {
    case 'prepare': {
      // Every mini program registered from api_get_authorizer_list, with a fresh access token (as a running platform has).
      await app.get(ComponentService).reconcileAuthorizers();
      const pass = await app.get(ComponentService).refreshDueTokens();
      return { pass };
    }
    case 'template':
      return { templateId: await fleet.addTemplate(Number(message['draftId'])) };
    case 'start': {
      // Not `id`: the answer's own fields go next to the request id.
      const { id } = await fleet.start({
        templateId: Number(message['templateId']),
        userVersion: String(message['userVersion']),
        userDesc: 'bench',
        appIds: message['appIds'] as string[],
        plan: { preflight: false },
      });
      return { campaignId: id };
    }
    case 'campaign': {
      const campaign = await fleet.getCampaign(String(message['campaignId']), { apps: false });
      return { status: campaign?.status, counts: campaign?.counts };
    }
    default:
      throw new Error(`unknown request ${message.type}`);
  }
}

serveParent({ port }, handle, async () => {
  await app.close();
  await redis.close();
});
