import { Controller, Get, Module, NotFoundException, Param, Query } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { caching } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
import { AuthorizerClientFactory, ComponentService, WeChatComponentModule, getWeChatComponentToken } from 'nestjs-wechat-component';
import { EventRecorder } from './shared/event-recorder.js';
import { flowPlatforms, sandboxConnection, type FlowPlatform } from './shared/platforms.js';

// A company running two third-party platforms in one app: `forRootAsync({ name })` once per platform, services
// injected by name, each platform's webhooks under its own prefix and its keys under its own namespace in one Redis.
//
// The API this row assumes (named registrations are not built yet; adjust here when they land):
//   WeChatComponentModule.forRootAsync({ name, webhook, useFactory })  a registration per name
//   getWeChatComponentToken(ComponentService | AuthorizerClientFactory, name)  the injection token of a named service

const platforms = flowPlatforms();
const webhookPrefix = (platform: FlowPlatform) => `wechat/${platform.name}`;

@Controller('flow')
class TwoPlatformFlowController {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly recorder: EventRecorder,
  ) {}

  private services(name: string) {
    if (!platforms.some((platform) => platform.name === name)) throw new NotFoundException(`no platform ${name}`);
    return {
      component: this.moduleRef.get<ComponentService>(getWeChatComponentToken(ComponentService, name), { strict: false }),
      clients: this.moduleRef.get<AuthorizerClientFactory>(getWeChatComponentToken(AuthorizerClientFactory, name), { strict: false }),
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
      webhook: { prefix: webhookPrefix(platform) },
      useFactory: async () => ({
        ...sandboxConnection(platform),
        keyPrefix: process.env.KEY_PREFIX,
        store: await redisCache(process.env.REDIS_URL!),
      }),
    }),
  ),
  controllers: [TwoPlatformFlowController],
  providers: [EventRecorder],
})
export class AppModule {}

/** As the README shows: cache-manager 5 over Redis, with the `error` listener node-redis needs. */
async function redisCache(url: string) {
  const cache = await caching(redisStore, { url });
  cache.store.client.on('error', (error) => console.warn(`Redis: ${error.message}`));
  return cache;
}
