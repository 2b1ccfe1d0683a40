import 'reflect-metadata';
import { Body, Controller, Post } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { signedEventPush, ticketXml } from './support/push.js';

/** An application route of its own: it must be parsed by Fastify exactly as before the module was added. */
@Controller('orders')
class OrdersController {
  @Post()
  create(@Body() body: unknown): unknown {
    return { received: body };
  }
}

/** Sends `body` with `contentType` (none when undefined). */
async function post(url: string, body: string, contentType?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
  return { status: response.status, text: await response.text() };
}

describe.each([
  ['routed through Nest', false],
  ['on the fast path', true],
])('WeChat pushes on @nestjs/platform-fastify, %s, under a global prefix', (_name, fastPath) => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox, {
      adapter: 'fastify',
      globalPrefix: 'api',
      reconcile: false,
      webhook: { fastPath, maxBodyBytes: 4096 },
      controllers: [OrdersController],
    });
    await connect(sandbox, platform); // the sandbox's ticket push (text/xml) is handled
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  it('serves the webhooks under the global prefix', () => {
    expect(platform.eventsUrl).toMatch(/\/api\/wechat\/component\/events$/);
  });

  it('handles an authorization push and the messages of the authorized account', async () => {
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    const authorized = await sandbox.client.authorize(appId);
    expect(authorized.push?.attempts.at(-1)).toMatchObject({ status: 200, body: 'success' });
    await platform.recorder.waitFor((event) => event.infoType === 'authorized' && 'authorizerAppId' in event && event.authorizerAppId === appId);

    const delivery = await sandbox.client.sendMessage(appId, { type: 'text', content: 'hello' });
    expect(delivery.push.attempts.at(-1)?.status).toBe(200);
    expect(['success', 'empty']).toContain(delivery.reply.kind);
  });

  it.each([
    ['as application/xml', 'application/xml'],
    ['without a content type', undefined],
  ])('takes a push sent %s', async (_how, contentType) => {
    const credentials = { componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey };
    const ticket = `ticket@@@fastify-${contentType ?? 'none'}-${fastPath}`;
    const push = signedEventPush(credentials, ticketXml(sandbox.componentAppId, ticket));
    expect(await post(`${platform.eventsUrl}?${push.query}`, push.body, contentType)).toEqual({ status: 200, text: 'success' });
    await platform.recorder.waitFor((event) => event.infoType === 'component_verify_ticket' && 'ticket' in event && event.ticket === ticket);
  });

  it("answers a push that does not come through the Node server (Fastify's inject) from the controller", async () => {
    const credentials = { componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey };
    const ticket = `ticket@@@injected-${fastPath}`;
    const push = signedEventPush(credentials, ticketXml(sandbox.componentAppId, ticket));
    const fastify = platform.app.getHttpAdapter().getInstance() as FastifyInstance;
    const answer = await fastify.inject({
      method: 'POST',
      url: `${new URL(platform.eventsUrl).pathname}?${push.query}`,
      headers: { 'content-type': 'text/xml' },
      payload: push.body,
    });
    expect({ status: answer.statusCode, text: answer.body }).toEqual({ status: 200, text: 'success' });
    await platform.recorder.waitFor((event) => event.infoType === 'component_verify_ticket' && 'ticket' in event && event.ticket === ticket);
  });

  it('refuses a forged push with the 401 and JSON body Nest sends, and an oversized one with 413', async () => {
    const forged = await post(`${platform.eventsUrl}?timestamp=1&nonce=2&msg_signature=forged`, '<xml><Encrypt>AAAA</Encrypt></xml>', 'text/xml');
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text)).toMatchObject({ statusCode: 401, message: 'msg_signature does not match' });

    const oversized = await post(`${platform.eventsUrl}?timestamp=1&nonce=2&msg_signature=x`, `<xml>${'x'.repeat(5000)}</xml>`, 'text/xml');
    expect(oversized.status).toBe(413);
  });

  it("leaves the application's other routes parsed as Fastify parses them", async () => {
    const json = await post(`${platform.url}/orders`, '{"id":1}', 'application/json');
    expect(json.status).toBe(201);
    expect(JSON.parse(json.text)).toEqual({ received: { id: 1 } });
    // Fastify has no XML parser: the application's routes still refuse XML, as they did without the module.
    expect((await post(`${platform.url}/orders`, '<xml/>', 'text/xml')).status).toBe(415);
  });
});
