import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { FLEET_REDIS } from './fleet.tokens.js';

/**
 * Opens the fleet's Redis connection (created with `lazyConnect`) when the module starts and closes it at shutdown,
 * after the worker has let its steps finish (`FleetWorker` closes on module destroy, before this). Nest runs the
 * `onModuleInit` of providers with shallower dependencies first, so `FleetWeChat` has found the WeChat services — or
 * failed start-up — before this connects: an application missing `WeChatComponentModule` never opens the connection.
 */
@Injectable()
export class FleetRedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(FLEET_REDIS) private readonly redis: Redis) {}

  async onModuleInit(): Promise<void> {
    await this.redis.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
