import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizerClientFactory,
  ComponentService,
  getPlatformToken,
  InjectPlatform,
  OnAuthorizerMessage,
  OnComponentEvent,
  WeChatComponentModule,
  type AuthorizerMessage,
  type ComponentEvent,
} from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { authorizeOnPage, sandboxConnection, startTestSandbox } from './support/platform.js';
import { waitForItem } from './support/wait-for.js';

/** Handlers of an application running two platforms: one for both, one for each. */
@Injectable()
class Handlers {
  readonly all: ComponentEvent[] = [];
  readonly shop: ComponentEvent[] = [];
  readonly media: ComponentEvent[] = [];
  readonly shopMessages: AuthorizerMessage[] = [];

  @OnComponentEvent('authorized')
  onAny(event: ComponentEvent): void {
    this.all.push(event);
  }

  @OnComponentEvent('*', { platform: 'shop' })
  onShop(event: ComponentEvent): void {
    this.shop.push(event);
  }

  @OnComponentEvent('*', { platform: 'media' })
  onMedia(event: ComponentEvent): void {
    this.media.push(event);
  }

  @OnAuthorizerMessage({ type: 'text', platform: 'shop' })
  onShopText(message: AuthorizerMessage): string {
    this.shopMessages.push(message);
    return 'shop here';
  }
}

/** A service of the application that uses both platforms by name. */
@Injectable()
class Platforms {
  constructor(
    @InjectPlatform(ComponentService, 'shop') readonly shop: ComponentService,
    @InjectPlatform(ComponentService, 'media') readonly media: ComponentService,
    @InjectPlatform(AuthorizerClientFactory, 'shop') readonly shopClients: AuthorizerClientFactory,
    @InjectPlatform(AuthorizerClientFactory, 'media') readonly mediaClients: AuthorizerClientFactory,
  ) {}
}

describe('several platforms in one app (named registrations)', () => {
  let shopSandbox: RunningSandbox;
  let mediaSandbox: RunningSandbox;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    shopSandbox = await startTestSandbox({ componentAppId: 'wx1111111111111111' });
    mediaSandbox = await startTestSandbox({ componentAppId: 'wx2222222222222222' });
    @Module({
      imports: [
        WeChatComponentModule.forRoot({ name: 'shop', ...sandboxConnection(shopSandbox), refresh: false, reconcile: false }),
        WeChatComponentModule.forRoot({ name: 'media', ...sandboxConnection(mediaSandbox), refresh: false, reconcile: false }),
      ],
      providers: [Handlers, Platforms],
    })
    class AppModule {}
    app = await NestFactory.create(AppModule, { logger: ['error'], abortOnError: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    // Each platform has its own pair of URLs: wechat/component/{name}/events and …/messages/$APPID$.
    shopSandbox.setPushTargets({ eventUrl: `${url}/wechat/component/shop/events`, messageUrl: `${url}/wechat/component/shop/messages/$APPID$` });
    mediaSandbox.setPushTargets({ eventUrl: `${url}/wechat/component/media/events`, messageUrl: `${url}/wechat/component/media/messages/$APPID$` });
    await Promise.all([shopSandbox.client.pushTicket(), mediaSandbox.client.pushTicket()]);
  });

  afterAll(async () => {
    await app?.close();
    await shopSandbox?.stop();
    await mediaSandbox?.stop();
  });

  it('exports each registration under its name only, not under the shared classes', async () => {
    const platforms = app.get(Platforms);
    expect(platforms.shop).not.toBe(platforms.media);
    expect(platforms.shop.componentAppId).toBe('wx1111111111111111');
    expect(platforms.media.componentAppId).toBe('wx2222222222222222');
    expect(app.get(getPlatformToken(ComponentService, 'shop'))).toBe(platforms.shop);

    // Injecting the class would be ambiguous with two platforms: a named registration does not offer it.
    @Injectable()
    class Ambiguous {
      constructor(readonly component: ComponentService) {}
    }
    @Module({
      imports: [WeChatComponentModule.forRoot({ name: 'only', ...sandboxConnection(shopSandbox), refresh: false, reconcile: false, webhook: false })],
      providers: [Ambiguous],
    })
    class AmbiguousModule {}
    await expect(NestFactory.createApplicationContext(AmbiguousModule, { logger: false, abortOnError: false })).rejects.toThrow(/ComponentService/);
  });

  it('keeps tickets, authorizations and handlers apart, and acts for each account through its own platform', async () => {
    const platforms = app.get(Platforms);
    const handlers = app.get(Handlers);
    await waitForItem(handlers.shop, (event) => event.infoType === 'component_verify_ticket', 'shop ticket');
    await waitForItem(handlers.media, (event) => event.infoType === 'component_verify_ticket', 'media ticket');

    const shopAccount = (await shopSandbox.client.createAccount({ type: 'official_account', menu: true })).appId;
    const mediaAccount = (await mediaSandbox.client.createAccount({ type: 'official_account', menu: true })).appId;
    await authorizeOnPage(await platforms.shop.getAuthorizationUrl(`${url}/callback`), shopAccount);
    await authorizeOnPage(await platforms.media.getAuthorizationUrl(`${url}/callback`), mediaAccount);
    await waitForItem(handlers.shop, (event) => event.infoType === 'authorized', 'shop authorized');
    await waitForItem(handlers.media, (event) => event.infoType === 'authorized', 'media authorized');

    // The handler for every platform saw both; each platform's own handler saw only its pushes.
    await waitForItem(handlers.all, (event) => event.componentAppId === 'wx2222222222222222', 'authorized of media');
    expect(new Set(handlers.all.map((event) => event.componentAppId))).toEqual(new Set(['wx1111111111111111', 'wx2222222222222222']));
    expect(handlers.shop.every((event) => event.componentAppId === 'wx1111111111111111')).toBe(true);
    expect(handlers.media.every((event) => event.componentAppId === 'wx2222222222222222')).toBe(true);

    expect(await platforms.shop.getAuthorizer(shopAccount)).toMatchObject({ status: 'authorized' });
    expect(await platforms.shop.getAuthorizer(mediaAccount)).toBeUndefined();
    expect(await platforms.media.getAuthorizer(shopAccount)).toBeUndefined();
    await expect((await platforms.shopClients.getClient(shopAccount)).menu.get()).resolves.toBeDefined();
    await expect((await platforms.mediaClients.getClient(mediaAccount)).menu.get()).resolves.toBeDefined();
    await expect(platforms.mediaClients.getClient(shopAccount)).rejects.toMatchObject({ code: 'AUTHORIZER_NOT_FOUND' });
  });

  it('runs a message handler only for the platform it names', async () => {
    const handlers = app.get(Handlers);
    const platforms = app.get(Platforms);
    const shopAccount = (await shopSandbox.client.createAccount({ type: 'official_account' })).appId;
    const mediaAccount = (await mediaSandbox.client.createAccount({ type: 'official_account' })).appId;
    await authorizeOnPage(await platforms.shop.getAuthorizationUrl(`${url}/callback`), shopAccount);
    await authorizeOnPage(await platforms.media.getAuthorizationUrl(`${url}/callback`), mediaAccount);
    const toShop = await shopSandbox.client.sendMessage(shopAccount, { type: 'text', content: 'hello' });
    const toMedia = await mediaSandbox.client.sendMessage(mediaAccount, { type: 'text', content: 'hello' });
    expect(toShop.reply).toMatchObject({ kind: 'reply', problems: [], fields: { Content: 'shop here' } });
    expect(toMedia.reply).not.toMatchObject({ kind: 'reply' });
    expect(handlers.shopMessages.map((message) => message.appId)).toEqual([shopAccount]);
  });

  it('refuses a name that cannot be a token and a route segment', () => {
    expect(() => WeChatComponentModule.forRoot({ name: 'has space', ...sandboxConnection(shopSandbox) })).toThrow(/name must be/);
  });
});
