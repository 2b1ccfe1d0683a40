import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { ComponentService, OnComponentEvent, WeChatComponentModule, type ComponentEvent } from 'nestjs-wechat-component';
import { postXml, signedEventPush, ticketXml } from './support/push.js';

const creds = { componentAppId: 'wx0123456789abcdef', token: 'testtoken', encodingAESKey: 'A'.repeat(43) };

@Injectable()
class Seen {
  events: ComponentEvent[] = [];
  @OnComponentEvent('*') on(event: ComponentEvent) {
    this.events.push(event);
  }
}

@Module({
  imports: [WeChatComponentModule.forRoot({ ...creds, componentAppSecret: 's', apiBaseUrl: 'http://127.0.0.1:1', refresh: false })],
  providers: [Seen],
})
class App {}

describe('smoke', () => {
  it('stores a pushed ticket', async () => {
    const app = await NestFactory.create(App, { logger: ['error', 'warn'] });
    await app.listen(0, '127.0.0.1');
    const url = `${await app.getUrl()}/wechat/component/events`;
    const push = signedEventPush(creds, ticketXml(creds.componentAppId, 'ticket@@@one'));
    expect(await postXml(url, push.query, push.body)).toEqual({ status: 200, text: 'success' });
    expect((await app.get(ComponentService).getHealth()).ticket).toBe(true);
    expect(app.get(Seen).events.map((e) => e.infoType)).toEqual(['component_verify_ticket']);
    const bad = await postXml(url, push.query.toString().replace(/msg_signature=\w/, 'msg_signature=0'), push.body);
    expect(bad.status).toBe(401);
    await app.close();
  });
});
