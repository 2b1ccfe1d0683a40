import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Cache } from 'cache-manager';
import { WeChatComponentModule, type WeChatComponentModuleOptions } from 'nestjs-wechat-component';
import { WeChatComponentHealthIndicator } from 'nestjs-wechat-component/health';
import { AuthorizationController } from './authorization.controller.js';
import { AuthorizersController } from './authorizers.controller.js';
import { EchoHandler } from './echo-handler.js';
import { FleetDemoModule, type FleetDemoSettings } from './fleet/fleet-demo.module.js';
import { HealthController } from './health.controller.js';
import { HomeController } from './home.controller.js';
import { RevocationLogger } from './revocation-logger.js';
import { WeChatErrorsFilter } from './wechat-errors.filter.js';

/** What the demo needs to configure the module: credentials and base URLs (real WeChat or the sandbox). */
export type DemoWeChatSettings = Pick<
  WeChatComponentModuleOptions,
  'componentAppId' | 'componentAppSecret' | 'token' | 'encodingAESKey' | 'apiBaseUrl' | 'mpBaseUrl' | 'openBaseUrl'
>;

export interface DemoModuleSettings {
  readonly wechat: DemoWeChatSettings;
  /** A Redis-backed cache when several instances run; undefined keeps tokens in memory. */
  readonly store?: Cache;
  readonly refreshCron?: string;
  readonly refreshAheadSeconds?: number;
  /** Prefix of the module's keys in the store (default the module's). */
  readonly keyPrefix?: string;
  /** Release campaigns (`/fleet`), when Redis is there for them. */
  readonly fleet?: FleetDemoSettings;
}

/** The demo platform: the module, configured asynchronously, and a few routes. */
@Module({})
export class AppModule {
  static register(settings: DemoModuleSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        WeChatComponentModule.forRootAsync({
          useFactory: (): WeChatComponentModuleOptions => ({
            ...settings.wechat,
            store: settings.store,
            ...(settings.keyPrefix ? { keyPrefix: settings.keyPrefix } : {}),
            refresh: { cron: settings.refreshCron, aheadSeconds: settings.refreshAheadSeconds },
          }),
        }),
        TerminusModule,
        ...(settings.fleet ? [FleetDemoModule.register(settings.fleet)] : []),
      ],
      controllers: [HomeController, AuthorizationController, AuthorizersController, HealthController],
      providers: [RevocationLogger, EchoHandler, WeChatComponentHealthIndicator, { provide: APP_FILTER, useClass: WeChatErrorsFilter }],
    };
  }
}
