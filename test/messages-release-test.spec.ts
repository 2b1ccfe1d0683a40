import 'reflect-metadata';
import { type DynamicModule, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthorizerMessage, OnAuthorizerMessage, RELEASE_TEST_ACCOUNT_GROUPS, WeChatComponentModule } from 'nestjs-wechat-component';
import { startFakeWeChatApi } from './support/fake-wechat-api.js';
import { eventXml, openReply, signedMessagePush, textXml } from './support/message-push.js';
import { postXml, signedEventPush, ticketXml } from './support/push.js';

// The full-network-release test cases, pushed by hand against a fake api.weixin.qq.com (the sandbox-driven run is
// in messages-sandbox.spec.ts).
const creds = { componentAppId: 'wx0123456789abcdef', token: 'testtoken', encodingAESKey: 'A'.repeat(43) };
const group = RELEASE_TEST_ACCOUNT_GROUPS[2]!;
const OA = group.officialAccount;
const MP = group.miniProgram;
const USER = 'ozy4qt1eDxSxzCr0aNT0mXCWfrDE';

@Injectable()
class AppHandlers {
  readonly seen: AuthorizerMessage[] = [];
  @OnAuthorizerMessage()
  answer(message: AuthorizerMessage): string {
    this.seen.push(message);
    return 'from the application';
  }
}

@Module({})
class App {
  static with(apiBaseUrl: string, releaseTestResponder: boolean): DynamicModule {
    return {
      module: App,
      imports: [
        WeChatComponentModule.forRoot({ ...creds, componentAppSecret: 'secret', apiBaseUrl, refresh: false, messages: { releaseTestResponder } }),
      ],
      providers: [AppHandlers],
    };
  }
}

async function start(apiBaseUrl: string, releaseTestResponder = true) {
  const app = await NestFactory.create(App.with(apiBaseUrl, releaseTestResponder), { logger: false });
  await app.listen(0, '127.0.0.1');
  const base = `${await app.getUrl()}/wechat/component`;
  const send = (account: { appId: string; userName: string }, xml: string) => {
    const push = signedMessagePush(creds, xml);
    return postXml(`${base}/messages/${account.appId}`, push.query, push.body);
  };
  return { app, base, send, handlers: app.get(AppHandlers) };
}

const contentOf = (xml: string) => /<Content><!\[CDATA\[(.*)\]\]><\/Content>/.exec(xml)?.[1];

describe('full-network-release responder', () => {
  let api: Awaited<ReturnType<typeof startFakeWeChatApi>>;
  let platform: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    api = await startFakeWeChatApi(OA.appId);
    platform = await start(api.baseUrl);
    const ticket = signedEventPush(creds, ticketXml(creds.componentAppId, 'ticket@@@release'));
    expect(await postXml(`${platform.base}/events`, ticket.query, ticket.body)).toEqual({ status: 200, text: 'success' });
  });
  afterAll(async () => {
    await platform.app.close();
    await api.close();
  });

  it('answers TESTCOMPONENT_MSG_TYPE_TEXT with a passive TESTCOMPONENT_MSG_TYPE_TEXT_callback', async () => {
    for (const account of [OA, MP]) {
      const answer = await platform.send(account, textXml(account.userName, USER, 'TESTCOMPONENT_MSG_TYPE_TEXT'));
      expect(answer.status).toBe(200);
      const reply = openReply(creds, answer.text);
      expect(contentOf(reply)).toBe('TESTCOMPONENT_MSG_TYPE_TEXT_callback');
      expect(reply).toContain(`<ToUserName><![CDATA[${USER}]]></ToUserName><FromUserName><![CDATA[${account.userName}]]></FromUserName>`);
    }
  });

  it('answers an event with a passive <Event>from_callback', async () => {
    const answer = await platform.send(OA, eventXml(OA.userName, USER, 'LOCATION', '<Latitude>23.1</Latitude><Longitude>113.3</Longitude><Precision>119</Precision>'));
    expect(contentOf(openReply(creds, answer.text))).toBe('LOCATIONfrom_callback');
  });

  it('answers QUERY_AUTH_CODE empty at once, then calls api_query_auth and sends $code_from_api to the sender', async () => {
    const code = 'queryauthcode@@@xFheEeiX51uxyrUSrgjPIvWm_-NgaESnEGfPQOHLYQIxBGjzAJURGof2Mbm3UvTgihkFT4gc5NJhaYs6_JNfvQ';
    const xml = textXml(OA.userName, USER, `QUERY_AUTH_CODE:${code}`);
    const answer = await platform.send(OA, xml);
    expect(answer).toEqual({ status: 200, text: '' });
    const sent = await api.waitFor('/cgi-bin/message/custom/send');
    expect(api.calls.find((call) => call.path === '/cgi-bin/component/api_query_auth')?.body).toMatchObject({
      component_appid: creds.componentAppId,
      authorization_code: code,
    });
    expect(sent?.query.access_token).toBe(`authorizer-token-for-${code.length}`);
    expect(sent?.body).toEqual({ touser: USER, msgtype: 'text', text: { content: `${code}_from_api` } });
    // A retry of that message repeats the empty answer and sends nothing more.
    expect(await platform.send(OA, xml)).toEqual({ status: 200, text: '' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.calls.filter((call) => call.path === '/cgi-bin/message/custom/send')).toHaveLength(1);
    expect(api.calls.filter((call) => call.path === '/cgi-bin/component/api_query_auth')).toHaveLength(1);
  });

  it('takes precedence over application handlers for the test accounts only', async () => {
    expect(platform.handlers.seen).toEqual([]);
    const other = await platform.send(OA, textXml(OA.userName, USER, 'anything else'));
    expect(contentOf(openReply(creds, other.text))).toBe('from the application');
    const elsewhere = await platform.send({ appId: 'wx1111111111111111', userName: 'gh_other' }, textXml('gh_other', USER, 'TESTCOMPONENT_MSG_TYPE_TEXT'));
    expect(contentOf(openReply(creds, elsewhere.text))).toBe('from the application');
    expect(platform.handlers.seen.map((m) => m.appId)).toEqual([OA.appId, 'wx1111111111111111']);
  });

  it('can be switched off', async () => {
    const off = await start(api.baseUrl, false);
    try {
      const answer = await off.send(OA, textXml(OA.userName, USER, 'TESTCOMPONENT_MSG_TYPE_TEXT'));
      expect(contentOf(openReply(creds, answer.text))).toBe('from the application');
    } finally {
      await off.app.close();
    }
  });
});
