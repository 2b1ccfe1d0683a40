import { Controller, Get, Inject, Logger, Module } from '@nestjs/common';
import { CACHE_MANAGER, CacheModule } from '@nestjs/cache-manager';
import { createKeyv } from '@keyv/redis';
import type { Cache } from 'cache-manager';
import { ComponentService, WeChatComponentModule } from 'nestjs-wechat-component';
import { EventRecorder } from './shared/event-recorder.js';
import { FlowController } from './shared/flow.controller.js';
import { onlyPlatform, sandboxConnection } from './shared/platforms.js';

/** The app's own use of its cache, which must keep working beside the module (GET /flow/extra, for the driver). */
@Controller('flow')
class OwnCacheController {
  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly component: ComponentService,
  ) {}

  @Get('extra')
  async extra() {
    const key = `${process.env.KEY_PREFIX}-own-cache`;
    await this.cache.set(key, { hello: 'world' }, 60_000);
    const read = await this.cache.get(key);
    const { store } = await this.component.getHealth();
    return {
      ok: JSON.stringify(read) === '{"hello":"world"}' && store === 'redis',
      detail: `the app's own cache read back ${JSON.stringify(read)}; the module's store is ${store}`,
      redisKey: key,
    };
  }
}

// An app that already caches with @nestjs/cache-manager (cache-manager 7 over Keyv, on Redis) hands the module that
// same Cache: one Redis, the app's cache-manager version untouched. As the README shows: a namespace (so the cache's
// clear() keeps to its own keys) and an `error` listener.
const keyv = createKeyv(process.env.REDIS_URL!, { namespace: 'cache' });
keyv.on('error', (error) => new Logger('Redis').warn(String(error)));

@Module({
  imports: [
    CacheModule.register({ isGlobal: true, stores: [keyv] }),
    WeChatComponentModule.forRootAsync({
      inject: [CACHE_MANAGER],
      useFactory: (cache: Cache) => ({ ...sandboxConnection(onlyPlatform()), keyPrefix: process.env.KEY_PREFIX, store: cache }),
    }),
  ],
  controllers: [FlowController, OwnCacheController],
  providers: [EventRecorder],
})
export class AppModule {}
