import { type DynamicModule, Module } from '@nestjs/common';
import { WeChatFleetModule } from 'nestjs-wechat-component/fleet';
import { FleetPageController } from './fleet-page.controller.js';
import { FleetController } from './fleet.controller.js';

/** What the demo's fleet routes need: the Redis they run on (`REDIS_URL`). */
export interface FleetDemoSettings {
  readonly redisUrl: string;
  /** Key prefix of the fleet in Redis (`WECHAT_FLEET_PREFIX`). */
  readonly prefix?: string;
  /** On the sandbox, audits take seconds, not days: poll and supervise more often. */
  readonly onSandbox?: boolean;
}

/**
 * The demo's release campaigns (`/fleet/…` routes and the progress page at `GET /fleet`), on the fleet module. Only
 * imported when `REDIS_URL` is set: the demo without Redis never loads BullMQ.
 */
@Module({})
export class FleetDemoModule {
  static register(settings: FleetDemoSettings): DynamicModule {
    return {
      module: FleetDemoModule,
      imports: [
        WeChatFleetModule.forRoot({
          connection: { url: settings.redisUrl },
          ...(settings.prefix ? { prefix: settings.prefix } : {}),
          ...(settings.onSandbox ? { rateLimit: { max: 200, durationMs: 1000 }, auditPollMs: 2000, auditPollMaxMs: 10_000, tickMs: 500, quotaRecheckMs: 2000 } : {}),
        }),
      ],
      controllers: [FleetController, FleetPageController],
    };
  }
}
