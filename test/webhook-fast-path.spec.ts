import 'reflect-metadata';
import { type CanActivate, Controller, Get, Injectable, RequestMethod, VersioningType } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { CapturingLogger } from './support/capturing-logger.js';
import { connect, type PlatformOverrides, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { postXml, signedEventPush, ticketXml } from './support/push.js';

/** A global guard refusing everything: the webhooks on the fast path never meet it; other routes do. */
@Injectable()
class DenyAll implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@Controller('ping')
class PingController {
  @Get()
  ping(): string {
    return 'pong';
  }
}

/** Bad requests to both webhook URLs, each refused before anything is stored. */
function badRequests(platform: TestPlatform, credentials: { componentAppId: string; token: string; encodingAESKey: string }) {
  const messages = platform.messagesUrl.replace('$APPID$', 'wx0123456789abcdef');
  const push = signedEventPush(credentials, ticketXml(credentials.componentAppId, 'ticket@@@shape'));
  const forgedQuery = new URLSearchParams(push.query);
  forgedQuery.set('msg_signature', 'f'.repeat(40));
  return [
    () => postXml(platform.eventsUrl, forgedQuery, push.body),
    () => postXml(platform.eventsUrl, '', push.body),
    () => postXml(platform.eventsUrl, push.query, '{"Encrypt":"x"}'),
    () => postXml(platform.eventsUrl, push.query, push.body + ' '.repeat(70_000)),
    () => postXml(messages, forgedQuery, push.body),
    () => postXml(platform.messagesUrl.replace('$APPID$', 'not-an-appid'), push.query, push.body),
  ];
}

describe.each(['express', 'fastify'] as const)('the fast path, the default on %s', (adapter) => {
  let sandbox: RunningSandbox;
  const platforms: TestPlatform[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await Promise.all(platforms.splice(0).map((platform) => platform.close()));
  });
  afterAll(() => sandbox.stop());

  const start = async (overrides: PlatformOverrides = {}) => {
    const platform = await startPlatform(sandbox, {
      adapter,
      reconcile: false,
      controllers: [PingController],
      providers: [{ provide: APP_GUARD, useClass: DenyAll }],
      ...overrides,
    });
    platforms.push(platform);
    return platform;
  };
  const credentials = () => ({ componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey });

  it('serves both webhooks under the global prefix without options, ahead of a guard that refuses every route', async () => {
    const platform = await start({ globalPrefix: 'api' });
    expect(platform.eventsUrl).toMatch(/\/api\/wechat\/component\/events$/);
    await connect(sandbox, platform); // the ticket push got through the guard
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    const authorized = await sandbox.client.authorize(appId);
    expect(authorized.push?.attempts.at(-1)).toMatchObject({ status: 200, body: 'success' });
    await platform.recorder.waitFor((event) => event.infoType === 'authorized');
    const delivery = await sandbox.client.sendMessage(appId, { type: 'text', content: 'hello' });
    expect(delivery.push.attempts.at(-1)?.status).toBe(200);
    expect(['success', 'empty']).toContain(delivery.reply.kind);
    // Every other route, and the webhook paths with other methods, are Nest's: the guard applies there.
    expect((await fetch(`${platform.url}/ping`)).status).toBe(403);
    expect((await fetch(platform.eventsUrl)).status).toBe(404);
  });

  it('with webhook.fastPath: false, routes the pushes through Nest, where the guard refuses them', async () => {
    const platform = await start({ globalPrefix: 'api', webhook: { fastPath: false } });
    const push = signedEventPush(credentials(), ticketXml(sandbox.componentAppId, 'ticket@@@guarded'));
    expect((await postXml(platform.eventsUrl, push.query, push.body)).status).toBe(403);
    expect(platform.recorder.events).toHaveLength(0);
  });

  it('refuses bad pushes with the status and JSON body Nest gives on its own route', async () => {
    const fast = await start();
    const routed = await start({ webhook: { fastPath: false }, providers: [] });
    for (const [fastRequest, routedRequest] of badRequests(fast, credentials()).map((request, i) => [request, badRequests(routed, credentials())[i]!])) {
      const [onFastPath, throughNest] = await Promise.all([fastRequest(), routedRequest()]);
      expect(onFastPath.status).toBeGreaterThanOrEqual(400);
      expect(onFastPath).toEqual(throughNest);
      expect(JSON.parse(onFastPath.text)).toEqual({ statusCode: onFastPath.status, message: expect.any(String) });
    }
  });

  it('honours a global prefix that excludes the webhook routes', async () => {
    const platform = await start({
      configure: (app) =>
        app.setGlobalPrefix('api', {
          exclude: [
            { path: 'wechat/component/events', method: RequestMethod.POST },
            { path: 'wechat/component/messages/:appId', method: RequestMethod.POST },
          ],
        }),
    });
    const push = signedEventPush(credentials(), ticketXml(sandbox.componentAppId, 'ticket@@@excluded'));
    expect(await postXml(`${platform.url}/wechat/component/events`, push.query, push.body)).toEqual({ status: 200, text: 'success' });
    expect((await fetch(`${platform.url}/api/ping`)).status).toBe(403);
  });

  it('leaves a webhook moved by URI versioning to Nest, with a warning, and it still answers', async () => {
    const logger = new CapturingLogger();
    const platform = await start({
      logger,
      providers: [],
      configure: (app) => app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' }),
    });
    expect(logger.warnings().join('\n')).toMatch(/POST \/wechat\/component\/events is not a route of the .* router .*go through Nest/);
    const push = signedEventPush(credentials(), ticketXml(sandbox.componentAppId, 'ticket@@@versioned'));
    expect(await postXml(`${platform.url}/v1/wechat/component/events`, push.query, push.body)).toEqual({ status: 200, text: 'success' });
    await platform.recorder.waitFor((event) => event.infoType === 'component_verify_ticket');
  });
});
