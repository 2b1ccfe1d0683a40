import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import { WeChatComponentModule } from 'nestjs-wechat-component';
import { EventRecorder } from './shared/event-recorder.js';
import { FlowController } from './shared/flow.controller.js';
import { onlyPlatform, sandboxConnection } from './shared/platforms.js';

export const REDIS = Symbol('REDIS');

/** The app's own node-redis client, as the README shows: an `error` listener, connected, closed by the app. */
@Module({
  providers: [
    {
      provide: REDIS,
      useFactory: async () => {
        const redis = createClient({ url: process.env.REDIS_URL });
        redis.on('error', (error: Error) => new Logger('Redis').warn(error.message));
        await redis.connect();
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClientType) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit();
  }
}

// A Nest 12 CommonJS app on Fastify, on its own node-redis client: the webhooks must read WeChat's XML with no setup
// in the app.
@Module({
  imports: [
    WeChatComponentModule.forRootAsync({
      imports: [RedisModule],
      inject: [REDIS],
      useFactory: (redis: RedisClientType) => ({ ...sandboxConnection(onlyPlatform()), keyPrefix: process.env.KEY_PREFIX, store: redis }),
    }),
  ],
  controllers: [FlowController],
  providers: [EventRecorder],
})
export class AppModule {}
