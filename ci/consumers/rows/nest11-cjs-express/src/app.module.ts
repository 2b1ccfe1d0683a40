import { Module } from '@nestjs/common';
import { caching } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
import { WeChatComponentModule } from 'nestjs-wechat-component';
import { EventRecorder } from './shared/event-recorder.js';
import { FlowController } from './shared/flow.controller.js';
import { onlyPlatform, sandboxConnection } from './shared/platforms.js';

// A Nest 11 CommonJS app, as `nest new` made them, on the Redis store of cache-manager 5 (as the README showed).
@Module({
  imports: [
    WeChatComponentModule.forRootAsync({
      useFactory: async () => ({
        ...sandboxConnection(onlyPlatform()),
        keyPrefix: process.env.KEY_PREFIX,
        store: await redisCache(process.env.REDIS_URL!),
      }),
    }),
  ],
  controllers: [FlowController],
  providers: [EventRecorder],
})
export class AppModule {}

/** As the README shows: cache-manager 5 over Redis, with the `error` listener node-redis needs. */
async function redisCache(url: string) {
  const cache = await caching(redisStore, { url });
  cache.store.client.on('error', (error) => console.warn(`Redis: ${error.message}`));
  return cache;
}
