import 'reflect-metadata';
import { Injectable, type INestApplication, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type AuthorizerMessage,
  type ClickEvent,
  type NewsReply,
  OnAuthorizerMessage,
  type TextMessage,
  WeChatComponentModule,
} from 'nestjs-wechat-component';
import { eventXml, openReply, signedMessagePush, textXml } from './support/message-push.js';
import { postXml } from './support/push.js';
import { waitUntil } from './support/wait-for.js';

// End-to-end: a real Nest app over HTTP, pushes built and replies opened as WeChat does.
const creds = { componentAppId: 'wx0123456789abcdef', token: 'testtoken', encodingAESKey: 'A'.repeat(43) };
const ECHO_APP = 'wxaaaaaaaaaaaaaaa1';
const SLOW_APP = 'wxaaaaaaaaaaaaaaa2';
const ACCOUNT = 'gh_97417a04a28d';
const USER = 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY';
const BUDGET_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Injectable()
class Handlers {
  readonly seen: AuthorizerMessage[] = [];
  echoRuns = 0;
  slowFinished = 0;

  @OnAuthorizerMessage()
  record(message: AuthorizerMessage): void {
    this.seen.push(message);
  }

  @OnAuthorizerMessage({ type: 'text', appId: ECHO_APP })
  async echo(message: TextMessage): Promise<string> {
    this.echoRuns++;
    await sleep(30);
    return message.content;
  }

  @OnAuthorizerMessage({ event: 'CLICK' })
  click(event: ClickEvent): NewsReply {
    return { type: 'news', articles: [{ title: `clicked ${event.eventKey}`, url: 'https://example.com/' }] };
  }

  /** Lets the slow handler finish: it runs until then, however long past the reply budget the test takes. */
  finishSlow = () => {};
  private readonly slowMayFinish = new Promise<void>((resolve) => (this.finishSlow = resolve));

  @OnAuthorizerMessage({ appId: SLOW_APP })
  async slow(): Promise<string> {
    await this.slowMayFinish;
    this.slowFinished++;
    return 'too late';
  }
}

@Module({
  imports: [
    WeChatComponentModule.forRoot({
      ...creds,
      componentAppSecret: 'secret',
      apiBaseUrl: 'http://127.0.0.1:1',
      refresh: false,
      messages: { replyBudgetMs: BUDGET_MS },
    }),
  ],
  providers: [Handlers],
})
class App {}

describe('message and event URL', () => {
  let app: INestApplication;
  let base: string;
  let handlers: Handlers;
  beforeAll(async () => {
    app = await NestFactory.create(App, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `${await app.getUrl()}/wechat/component/messages`;
    handlers = app.get(Handlers);
  });
  afterAll(() => app.close());

  const send = (appId: string, xml: string, receiveId?: string) => {
    const push = signedMessagePush(creds, xml, receiveId);
    return postXml(`${base}/${appId}`, push.query, push.body);
  };

  it('answers a text message with an encrypted passive reply that opens, To/From swapped', async () => {
    const answer = await send(ECHO_APP, textXml(ACCOUNT, USER, '你好 <b>&</b>'));
    expect(answer.status).toBe(200);
    const reply = openReply(creds, answer.text);
    expect(reply).toMatch(
      new RegExp(
        `^<xml><ToUserName><!\\[CDATA\\[${USER}\\]\\]></ToUserName><FromUserName><!\\[CDATA\\[${ACCOUNT}\\]\\]></FromUserName>` +
          '<CreateTime>\\d+</CreateTime><MsgType><!\\[CDATA\\[text\\]\\]></MsgType><Content><!\\[CDATA\\[你好 <b>&</b>\\]\\]></Content></xml>$',
      ),
    );
  });

  it('renders object replies (news for a menu click) and answers success when no handler replies', async () => {
    const click = await send(ECHO_APP, eventXml(ACCOUNT, USER, 'CLICK', '<EventKey><![CDATA[MENU_1]]></EventKey>'));
    expect(openReply(creds, click.text)).toContain('<ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[clicked MENU_1]]></Title>');
    const image = await send(ECHO_APP, `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${USER}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://p]]></PicUrl><MediaId><![CDATA[m]]></MediaId><MsgId>77</MsgId></xml>`);
    expect(image).toEqual({ status: 200, text: 'success' });
    expect(handlers.seen.find((m) => m.msgId === '77')).toMatchObject({ msgType: 'image', picUrl: 'http://p', appId: ECHO_APP });
  });

  it('runs the handlers of a retried message once and repeats the same answer', async () => {
    const xml = textXml(ACCOUNT, USER, 'once please');
    const runsBefore = handlers.echoRuns;
    const first = await send(ECHO_APP, xml);
    // WeChat's retries: the same message again, signed anew, one of them while another is still in flight.
    const retries = await Promise.all([send(ECHO_APP, xml), send(ECHO_APP, xml)]);
    expect(handlers.echoRuns - runsBefore).toBe(1);
    const opened = [first, ...retries].map((answer) => openReply(creds, answer.text));
    expect(new Set(opened).size).toBe(1);
    expect(opened[0]).toContain('<Content><![CDATA[once please]]></Content>');
  });

  it('dedupes events by sender and CreateTime', async () => {
    const xml = eventXml(ACCOUNT, 'o_event_user', 'subscribe', '<EventKey><![CDATA[qrscene_7]]></EventKey>', 1715943329);
    for (let attempt = 0; attempt < 3; attempt++) expect(await send(ECHO_APP, xml)).toEqual({ status: 200, text: 'success' });
    expect(handlers.seen.filter((m) => m.fromUserName === 'o_event_user')).toHaveLength(1);
  });

  it('answers success in time for a slow handler, which keeps running, with a warning', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn');
    const started = Date.now();
    const answer = await send(SLOW_APP, textXml(ACCOUNT, USER, 'take your time'));
    const took = Date.now() - started;
    expect(answer).toEqual({ status: 200, text: 'success' });
    expect(took).toBeGreaterThanOrEqual(BUDGET_MS - 20);
    expect(took).toBeLessThan(BUDGET_MS + 400);
    expect(warn.mock.calls.some(([text]) => String(text).includes('Handlers.slow still running at the reply budget'))).toBe(true);
    expect(handlers.slowFinished).toBe(0);
    handlers.finishSlow();
    await waitUntil(() => handlers.slowFinished === 1, 'the slow handler to finish');
    warn.mockRestore();
  });

  it('refuses forged, foreign and broken pushes with a 4xx and handles nothing', async () => {
    const seenBefore = handlers.seen.length;
    const push = signedMessagePush(creds, textXml(ACCOUNT, USER, 'forged'));
    // Its first character changed (to '0' it stayed the same one time in sixteen, and the push went through).
    const signature = push.query.get('msg_signature')!;
    const forgedQuery = new URLSearchParams(push.query);
    forgedQuery.set('msg_signature', (signature[0] === '0' ? '1' : '0') + signature.slice(1));
    const forged = await postXml(`${base}/${ECHO_APP}`, forgedQuery, push.body);
    expect(forged.status).toBe(401);
    const foreign = await send(ECHO_APP, textXml(ACCOUNT, USER, 'for another platform'), 'wx9999999999999999');
    expect(foreign.status).toBe(403);
    expect((await postXml(`${base}/${ECHO_APP}`, push.query, 'not xml')).status).toBe(400);
    expect((await postXml(`${base}/${ECHO_APP}`, '', push.body)).status).toBe(400);
    expect((await postXml(`${base}/not-an-appid`, push.query, push.body)).status).toBe(400);
    expect((await send(ECHO_APP, '<xml><ToUserName>gh</ToUserName><Content>no type</Content></xml>')).status).toBe(400);
    // Signed with our token but encrypted with another key: it cannot be opened.
    const wrongKey = signedMessagePush({ ...creds, encodingAESKey: 'B'.repeat(43) }, textXml(ACCOUNT, USER, 'wrong key'));
    expect(await postXml(`${base}/${ECHO_APP}`, wrongKey.query, wrongKey.body)).toMatchObject({ status: 400 });
    expect(handlers.seen.length).toBe(seenBefore);
  });
});
