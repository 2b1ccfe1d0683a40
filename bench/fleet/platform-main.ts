// One platform instance of the fleet benchmark, in its own process: `node platform-main.js <json settings>`.
import 'reflect-metadata';
import { ComponentService, WeChatComponentModule } from 'nestjs-wechat-component';
import { FleetReleaseService, WeChatFleetModule } from 'nestjs-wechat-component/fleet';
import { benchComponentOptions, type BenchPlatformSettings, servePlatform } from '../lib/entry-points.js';
import { REDIS_URL } from '../lib/redis.js';

/** What the runner passes to an instance. */
export interface FleetPlatformSettings extends BenchPlatformSettings {
  readonly fleetPrefix: string;
  readonly rateLimitPerSecond: number;
  readonly concurrency: number;
}

await servePlatform<FleetPlatformSettings>(
  (settings, store) => [
    WeChatComponentModule.forRoot(benchComponentOptions(settings, store, { concurrency: 50, rateLimitPerSecond: 100_000 })),
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
  (app) => {
    const fleet = app.get(FleetReleaseService);
    return async (message) => {
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
    };
  },
);
