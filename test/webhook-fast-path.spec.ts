import 'reflect-metadata';
import { type CanActivate, Controller, Get, type INestApplication, Injectable, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeChatComponentModule } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { EventRecorder, startTestSandbox, sandboxConnection } from './support/platform.js';

/** A global guard refusing everything: the webhooks on the fast path must not meet it; other routes must. */
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

describe('webhook.fastPath: the webhooks answered ahead of the router', () => {
  let sandbox: RunningSandbox;
  let app: INestApplication;
  let url: string;
  let recorder: EventRecorder;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    @Module({
      imports: [
        WeChatComponentModule.forRoot({
          ...sandboxConnection(sandbox),
          refresh: false,
          reconcile: false,
          webhook: { fastPath: true },
        }),
      ],
      controllers: [PingController],
      providers: [EventRecorder, { provide: APP_GUARD, useClass: DenyAll }],
    })
    class FastPathPlatform {}
    app = await NestFactory.create(FastPathPlatform, { logger: ['error'], abortOnError: false });
    app.setGlobalPrefix('api');
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api`;
    recorder = app.get(EventRecorder);
    sandbox.setPushTargets({ eventUrl: `${url}/wechat/component/events`, messageUrl: `${url}/wechat/component/messages/$APPID$` });
    await recorder.waitFor((event) => event.infoType === 'component_verify_ticket');
  });
  afterAll(async () => {
    await app.close();
    await sandbox.stop();
  });

  it('handles event pushes (under the global prefix) despite a guard that refuses every route', async () => {
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    const result = await sandbox.client.authorize(appId);
    expect(result.push?.attempts.at(-1)).toMatchObject({ status: 200, body: 'success' });
    await recorder.waitFor((event) => event.infoType === 'authorized');
  });

  it('answers messages of authorized accounts on the message URL', async () => {
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    await sandbox.client.authorize(appId);
    const delivery = await sandbox.client.sendMessage(appId, { type: 'text', content: 'hello' });
    expect(delivery.push.attempts.at(-1)?.status).toBe(200);
    expect(['success', 'empty']).toContain(delivery.reply.kind);
  });

  it('refuses a forged push with the 4xx and JSON body Nest would send', async () => {
    const response = await fetch(`${url}/wechat/component/events?timestamp=1&nonce=2&msg_signature=forged`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<xml><AppId><![CDATA[x]]></AppId><Encrypt><![CDATA[AAAA]]></Encrypt></xml>',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ statusCode: 401, message: 'msg_signature does not match' });
  });

  it('refuses a malformed appid in the message URL with a 400 and keeps serving', async () => {
    const response = await fetch(`${url}/wechat/component/messages/%E0%A4%A?timestamp=1&nonce=2&msg_signature=x`, { method: 'POST', body: '<xml/>' });
    expect(response.status).toBe(400);
    expect((await fetch(`${url}/ping`)).status).toBe(403);
  });

  it('leaves every other route to Nest (the guard still applies there)', async () => {
    expect((await fetch(`${url}/ping`)).status).toBe(403);
    expect((await fetch(`${url}/wechat/component/events`)).status).toBe(404); // a GET is not a push: Nest's own answer
  });
});
