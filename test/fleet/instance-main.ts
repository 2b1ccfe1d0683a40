// A platform instance with the fleet module in a child process, for tests where an instance dies (SIGKILL). Loaded
// by instance-child.mjs (Vite compiles the TypeScript as Vitest does); reports its fleet events to the parent.
import 'reflect-metadata';
import { caching } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
import type { WeChatComponentModuleOptions } from 'nestjs-wechat-component';
import type { WeChatFleetModuleOptions } from 'nestjs-wechat-component/fleet';
import { FleetEventRecorder, startFleetPlatform } from '../support/fleet.js';
import { REDIS_URL } from '../support/redis.js';

/** What the parent sends: the WeChat connection (without the store) and the fleet options. */
export interface ChildInstanceConfig {
  readonly wechat: Omit<WeChatComponentModuleOptions, 'store'>;
  readonly fleet: WeChatFleetModuleOptions;
}

export async function runInstance(config: ChildInstanceConfig): Promise<void> {
  const store = await caching(redisStore, { url: REDIS_URL });
  const platform = await startFleetPlatform({ wechat: { ...config.wechat, store }, fleet: config.fleet });
  const recorder = platform.get(FleetEventRecorder);
  let sent = 0;
  setInterval(() => {
    while (sent < recorder.events.length) process.send?.({ type: 'event', event: recorder.events[sent++] });
  }, 20);
  process.send?.({ type: 'ready', url: platform.url });
}
