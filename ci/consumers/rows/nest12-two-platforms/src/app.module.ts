import { Controller, Get, Injectable, Logger, Module, NotFoundException, Param, Query, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Redis } from 'ioredis';
import { AuthorizerClientFactory, ComponentService, WeChatComponentModule, getPlatformToken } from 'nestjs-wechat-component';
import { EventRecorder } from './shared/event-recorder.js';
import { flowPlatforms, sandboxConnection, type FlowPlatform } from './shared/platforms.js';

// A company running two third-party platforms in one app, on one ioredis client of its own: `forRootAsync({ name })`
// once per platform, services injected by name (`getPlatformToken`), each platform's webhooks under its default named
// routes (wechat/component/{name}/…) and its keys under its own component appid in one Redis; one @OnComponentEvent
// handler without `platform` sees the events of both.

const platforms = flowPlatforms();
const redis = new Redis(process.env.REDIS_URL!);
redis.on('error', (error) => new Logger('Redis').warn(error.message));

/** The module never closes the app's client: the app does, on shutdown. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await redis.quit();
  }
}

const webhookPrefix = (platform: FlowPlatform) => `wechat/component/${platform.name}`;

@Controller('flow')
class TwoPlatformFlowController {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly recorder: EventRecorder,
  ) {}

  private services(name: string) {
    if (!platforms.some((platform) => platform.name === name)) throw new NotFoundException(`no platform ${name}`);
    return {
      component: this.moduleRef.get<ComponentService>(getPlatformToken(ComponentService, name), { strict: false }),
      clients: this.moduleRef.get<AuthorizerClientFactory>(getPlatformToken(AuthorizerClientFactory, name), { strict: false }),
    };
  }

  @Get('platforms')
  platforms() {
    return platforms.map((platform) => ({
      name: platform.name,
      eventsPath: `/${webhookPrefix(platform)}/events`,
      messagesPath: `/${webhookPrefix(platform)}/messages/$APPID$`,
    }));
  }

  @Get(':name/health')
  health(@Param('name') name: string) {
    return this.services(name).component.getHealth();
  }

  @Get(':name/authorization-url')
  async authorizationUrl(@Param('name') name: string, @Query('redirect') redirect: string) {
    return { url: await this.services(name).component.getAuthorizationUrl(redirect) };
  }

  @Get(':name/events')
  events() {
    return this.recorder.events;
  }

  @Get(':name/menu/:appId')
  async menu(@Param('name') name: string, @Param('appId') appId: string) {
    const client = await this.services(name).clients.getClient(appId);
    return client.menu.get();
  }
}

@Module({
  imports: platforms.map((platform) =>
    WeChatComponentModule.forRootAsync({
      name: platform.name,
      useFactory: () => ({ ...sandboxConnection(platform), keyPrefix: process.env.KEY_PREFIX, store: redis }),
    }),
  ),
  controllers: [TwoPlatformFlowController],
  providers: [EventRecorder, RedisCloser],
})
export class AppModule {}

