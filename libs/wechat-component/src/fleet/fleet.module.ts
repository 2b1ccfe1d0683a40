import { type DynamicModule, type FactoryProvider, Module, type ModuleMetadata } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { FleetReleaseService } from './fleet-release.service.js';
import { fleetProviders } from './fleet.providers.js';
import { bullmqConnection, FLEET_QUEUE, resolveFleetOptions, type ResolvedFleetOptions, type WeChatFleetModuleOptions } from './fleet.options.js';
import { FLEET_OPTIONS, FLEET_RAW_OPTIONS } from './fleet.tokens.js';

/** Options of {@link WeChatFleetModule.forRootAsync}. */
export interface WeChatFleetModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  readonly useFactory: (...args: never[]) => WeChatFleetModuleOptions | Promise<WeChatFleetModuleOptions>;
  readonly inject?: FactoryProvider['inject'];
}

/** Holds the options, for this module and for the BullMQ queue it registers. */
@Module({})
class FleetOptionsModule {}

/**
 * Releases code to many mini programs at once ({@link FleetReleaseService}), on BullMQ through `@nestjs/bullmq`.
 * Import it next to `WeChatComponentModule`, from `nestjs-wechat-component/fleet`: applications that do not
 * import it never load BullMQ. Needs `bullmq`, `@nestjs/bullmq` and `ioredis`.
 *
 * @example
 * ```ts
 * WeChatFleetModule.forRoot({ connection: { url: process.env.REDIS_URL } })
 * ```
 */
@Module({})
export class WeChatFleetModule {
  static forRoot(options: WeChatFleetModuleOptions): DynamicModule {
    return WeChatFleetModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: WeChatFleetModuleAsyncOptions): DynamicModule {
    const optionsModule: DynamicModule = {
      module: FleetOptionsModule,
      imports: options.imports ?? [],
      providers: [
        { provide: FLEET_RAW_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: FLEET_OPTIONS, useFactory: (raw: WeChatFleetModuleOptions) => resolveFleetOptions(raw), inject: [FLEET_RAW_OPTIONS] },
      ],
      exports: [FLEET_OPTIONS],
    };
    return {
      module: WeChatFleetModule,
      imports: [
        optionsModule,
        DiscoveryModule,
        BullModule.registerQueueAsync({
          name: FLEET_QUEUE,
          imports: [optionsModule],
          inject: [FLEET_OPTIONS],
          useFactory: (resolved: ResolvedFleetOptions) => ({ connection: bullmqConnection(resolved.connection), prefix: resolved.prefix }),
        }),
      ],
      providers: fleetProviders,
      exports: [FleetReleaseService],
    };
  }
}
