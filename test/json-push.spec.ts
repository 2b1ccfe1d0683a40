import { Injectable } from '@nestjs/common';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AuthorizerClientFactory,
  ComponentService,
  isAuthorizationEvent,
  isComponentEventType,
  OnAuthorizerMessage,
  type ComponentEvent,
  type TextMessage,
} from 'nestjs-wechat-component';
import { MessageCrypto, type RunningSandbox } from '../apps/sandbox/src/index.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { nextSecond } from './support/platform-apis.js';

// WeChat's JSON push format (数据格式 JSON): detected per push on both URLs, with the same signature and decryption
// checks, giving the same typed events and messages as XML; a passive reply to a JSON push is JSON.
@Injectable()
class Echo {
  readonly messages: TextMessage[] = [];

  @OnAuthorizerMessage({ type: 'text' })
  echo(message: TextMessage): string {
    this.messages.push(message);
    return `echo: ${message.content}`;
  }
}

/** An event as a handler sees it, without what differs between two deliveries (time, the raw fields). */
function comparable(event: ComponentEvent): Record<string, unknown> {
  const { raw: _raw, createTime: _createTime, ...rest } = event;
  return rest;
}

describe.each([
  { name: 'through Nest (Express parses JSON bodies first)', webhook: undefined },
  { name: 'ahead of the router (fast path)', webhook: { fastPath: true } },
])('JSON pushes, $name', ({ webhook }) => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;

  afterAll(async () => {
    await platform?.close();
    await sandbox?.stop();
  });

  it('an XML push and a JSON push of each kind give the same typed event; the platform acts on both', async () => {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox, { providers: [Echo], ...(webhook ? { webhook } : {}) });
    await connect(sandbox, platform);
    const { appId } = await sandbox.client.createAccount({ type: 'mini_program' });
    await sandbox.client.authorize(appId);
    await platform.recorder.waitFor((e) => isAuthorizationEvent(e) && e.authorizerAppId === appId);

    // The same ICP outcome, pushed as XML, then as JSON.
    const mp = await platform.get(AuthorizerClientFactory).getClient(appId);
    const { task_id: taskId } = await mp.icp.createVerifyTask();
    await sandbox.client.finishIcpVerification(appId, { taskId });
    const xmlEvent = await platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_icpfiling_verify_result'));

    await sandbox.client.updateSettings({ pushFormat: 'json' });
    const { task_id: second } = await mp.icp.createVerifyTask();
    await sandbox.client.finishIcpVerification(appId, { taskId: second });
    const jsonEvent = await platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_icpfiling_verify_result') && e !== xmlEvent);
    expect(comparable(jsonEvent)).toEqual({ ...comparable(xmlEvent), taskId: second });
    expect(jsonEvent.raw['result']).toBe('3');

    // A JSON ticket is stored (a new component token is fetched with it) …
    const { ticket } = await sandbox.client.pushTicket();
    const ticketEvent = await platform.recorder.waitFor((e) => e.infoType === 'component_verify_ticket' && (e as { ticket?: string }).ticket === ticket);
    expect(ticketEvent).toMatchObject({ componentAppId: sandbox.componentAppId, ticket });
    await sandbox.client.invalidateComponentToken();
    await platform.get(ComponentService).refreshAccessToken();

    // … and a JSON authorization is exchanged like an XML one.
    const { appId: other } = await sandbox.client.createAccount({ type: 'official_account' });
    await sandbox.client.authorize(other);
    const authorized = await platform.recorder.waitFor((e) => isAuthorizationEvent(e) && e.authorizerAppId === other);
    expect(isAuthorizationEvent(authorized) && authorized.authorization).toMatchObject({ authorizerAppId: other, funcScopeIds: expect.arrayContaining([1, 2]) });
  });

  it('a JSON message is typed like an XML one (64-bit MsgId exact) and answered with a JSON passive reply WeChat accepts', async () => {
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    await sandbox.client.authorize(appId);
    await platform.recorder.waitFor((e) => isAuthorizationEvent(e) && e.authorizerAppId === appId);
    const echo = platform.get(Echo);

    const json = await sandbox.client.sendMessage(appId, { type: 'text', content: '你好 JSON' });
    expect(json.reply).toMatchObject({ kind: 'reply', problems: [], fields: { MsgType: 'text', Content: 'echo: 你好 JSON' } });
    expect(json.reply.kind === 'reply' && json.reply.xml.startsWith('{')).toBe(true);
    const fromJson = echo.messages.at(-1)!;
    expect(fromJson.msgId).toBe(String(json.message['MsgId']));
    expect(fromJson.msgId.length).toBeGreaterThan(15);

    await nextSecond();
    await sandbox.client.updateSettings({ pushFormat: 'xml' });
    const xml = await sandbox.client.sendMessage(appId, { type: 'text', content: '你好 JSON' });
    expect(xml.reply).toMatchObject({ kind: 'reply', problems: [], fields: { Content: 'echo: 你好 JSON' } });
    const fromXml = echo.messages.at(-1)!;
    const { raw: _a, msgId: _b, createTime: _c, ...typedXml } = fromXml;
    const { raw: _d, msgId: _e, createTime: _f, ...typedJson } = fromJson;
    expect(typedJson).toEqual(typedXml);
  });

  it('a JSON push is refused like an XML one: bad signature 401, no Encrypt 400, stale 403, a non-object message 400', async () => {
    const crypto = new MessageCrypto({ token: sandbox.token, encodingAESKey: sandbox.encodingAESKey, receiveId: sandbox.componentAppId });
    const post = (message: string, timestamp: number, tamper = false) => {
      const sealed = crypto.seal(message, String(timestamp), '42');
      const query = new URLSearchParams({ timestamp: sealed.timestamp, nonce: sealed.nonce, msg_signature: tamper ? '0'.repeat(40) : sealed.msgSignature });
      const body = JSON.stringify({ AppId: sandbox.componentAppId, Encrypt: sealed.encrypt });
      return fetch(`${platform.eventsUrl}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    };
    const now = Math.floor(Date.now() / 1000);
    const ticket = JSON.stringify({ AppId: sandbox.componentAppId, CreateTime: now, InfoType: 'component_verify_ticket', ComponentVerifyTicket: 'ticket@@@json' });
    expect((await post(ticket, now, true)).status).toBe(401);
    expect((await post(ticket, now - 3600)).status).toBe(403);
    expect((await post('[1,2,3]', now)).status).toBe(400);
    const query = new URLSearchParams({ timestamp: String(now), nonce: '1', msg_signature: '0'.repeat(40) });
    expect((await fetch(`${platform.eventsUrl}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ AppId: 'x' }) })).status).toBe(400);
    expect((await post(ticket, now)).status).toBe(200);
  });
});
