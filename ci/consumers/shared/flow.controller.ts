import { Controller, Get, Param, Query } from '@nestjs/common';
import { AuthorizerClientFactory, ComponentService } from 'nestjs-wechat-component';
import { EventRecorder } from './event-recorder.js';
import { onlyPlatform } from './platforms.js';

/**
 * The routes the driver uses to walk a single-platform app through the flow; every one is the app's own code calling
 * the module the way a user's code would. The two-platform app has its own (rows/nest12-two-platforms).
 */
@Controller('flow')
export class FlowController {
  constructor(
    private readonly component: ComponentService,
    private readonly clients: AuthorizerClientFactory,
    private readonly recorder: EventRecorder,
  ) {}

  /** Where the sandbox pushes, per platform (the module's default routes). */
  @Get('platforms')
  platforms() {
    return [{ name: onlyPlatform().name, eventsPath: '/wechat/component/events', messagesPath: '/wechat/component/messages/$APPID$' }];
  }

  @Get(':name/health')
  health() {
    return this.component.getHealth();
  }

  @Get(':name/authorization-url')
  async authorizationUrl(@Query('redirect') redirect: string) {
    return { url: await this.component.getAuthorizationUrl(redirect) };
  }

  @Get(':name/events')
  events() {
    return this.recorder.events;
  }

  @Get(':name/menu/:appId')
  async menu(@Param('appId') appId: string) {
    const client = await this.clients.getClient(appId);
    return client.menu.get();
  }
}
