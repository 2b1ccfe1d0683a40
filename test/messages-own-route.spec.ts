import 'reflect-metadata';
import { Body, Controller, HttpCode, HttpException, Injectable, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizerMessageService,
  InvalidPushError,
  OnAuthorizerMessage,
  type PushQuery,
  type TextMessage,
  WeChatComponentModule,
} from 'nestjs-wechat-component';
import { openReply, signedMessagePush, textXml } from './support/message-push.js';
import { postXml } from './support/push.js';

// An application that routes the message URL itself (`webhook: false`) through AuthorizerMessageService.
const creds = { componentAppId: 'wx0123456789abcdef', token: 'testtoken', encodingAESKey: 'A'.repeat(43) };
const APP_ID = 'wxaaaaaaaaaaaaaaa1';

@Injectable()
class Echo {
  @OnAuthorizerMessage({ type: 'text' })
  echo(message: TextMessage): string {
    return `echo: ${message.content}`;
  }
}

@Controller('hooks/wx')
class OwnMessageRoute {
  constructor(private readonly messages: AuthorizerMessageService) {}

  @Post(':appId/callback')
  @HttpCode(200)
  async receive(@Param('appId') appId: string, @Body() body: string, @Query() query: PushQuery): Promise<string> {
    try {
      return (await this.messages.handle(appId, body, query)).body;
    } catch (error) {
      if (error instanceof InvalidPushError) throw new HttpException(error.reason, error.status);
      throw error;
    }
  }
}

@Module({
  imports: [
    WeChatComponentModule.forRoot({ ...creds, componentAppSecret: 's', apiBaseUrl: 'http://127.0.0.1:1', refresh: false, webhook: false }),
  ],
  controllers: [OwnMessageRoute],
  providers: [Echo],
})
class App {}

describe('routing the message URL yourself', () => {
  let app: NestExpressApplication;
  let base: string;
  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(App, { logger: false });
    app.useBodyParser('text', { type: 'text/xml' });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  it('handles pushes through AuthorizerMessageService, and the module adds no route of its own', async () => {
    const push = signedMessagePush(creds, textXml('gh_account', 'o_user', 'hi'));
    const answer = await postXml(`${base}/hooks/wx/${APP_ID}/callback`, push.query, push.body);
    expect(openReply(creds, answer.text)).toContain('<Content><![CDATA[echo: hi]]></Content>');
    expect((await postXml(`${base}/wechat/component/messages/${APP_ID}`, push.query, push.body)).status).toBe(404);
  });

  it('parses without handling, and refuses bad pushes with InvalidPushError', async () => {
    const service = app.get(AuthorizerMessageService);
    const push = signedMessagePush(creds, textXml('gh_account', 'o_user', 'just parse'));
    const query = Object.fromEntries(push.query);
    expect(service.parse(APP_ID, push.body, query)).toMatchObject({ msgType: 'text', content: 'just parse', appId: APP_ID });
    expect(() => service.parse(APP_ID, push.body, { ...query, nonce: 'changed' })).toThrow(InvalidPushError);
  });
});
