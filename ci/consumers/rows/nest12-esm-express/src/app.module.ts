import { Module } from '@nestjs/common';
import { caching } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
import { WeChatComponentModule } from 'nestjs-wechat-component';
import { EventRecorder } from './shared/event-recorder.js';
import { FlowController } from './shared/flow.controller.js';
import { onlyPlatform, sandboxConnection } from './shared/platforms.js';

// A Nest 12 ES module app (top-level await in main.ts), on the Redis store of cache-manager 5.
@Module({
  imports: [
    WeChatComponentModule.forRootAsync({
      useFactory: async () => ({
        ...sandboxConnection(onlyPlatform()),
        keyPrefix: process.env.KEY_PREFIX,
        store: await caching(redisStore, { url: process.env.REDIS_URL }),
      }),
    }),
  ],
  controllers: [FlowController],
  providers: [EventRecorder],
})
export class AppModule {}
