import { Injectable } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthorizerMessage, ComponentService, OnAuthorizerMessage, RELEASE_TEST_ACCOUNT_GROUPS } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { eventXml, openReply, signedMessagePush, textXml } from './support/message-push.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { postXml } from './support/push.js';
import { waitFor } from './support/wait-for.js';

// The full-network-release cases pushed one by one (the sandbox's own release-test driver runs them in
// messages-sandbox.spec.ts): passive replies, QUERY_AUTH_CODE against the sandbox's API, precedence, switching off.
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

const contentOf = (xml: string) => /<Content><!\[CDATA\[(.*)\]\]><\/Content>/.exec(xml)?.[1];

describe('full-network-release responder', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  let credentials: { componentAppId: string; token: string; encodingAESKey: string };

  async function start(releaseTestResponder: boolean): Promise<TestPlatform> {
    return startPlatform(sandbox, { providers: [AppHandlers], messages: { releaseTestResponder } });
  }
  function send(target: TestPlatform, account: { appId: string }, xml: string) {
    const push = signedMessagePush(credentials, xml);
    return postXml(`${target.url}/wechat/component/messages/${account.appId}`, push.query, push.body);
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    credentials = { componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey };
    platform = await start(true);
    await connect(sandbox, platform);
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  it('answers TESTCOMPONENT_MSG_TYPE_TEXT with a passive TESTCOMPONENT_MSG_TYPE_TEXT_callback', async () => {
    for (const account of [OA, MP]) {
      const answer = await send(platform, account, textXml(account.userName, USER, 'TESTCOMPONENT_MSG_TYPE_TEXT'));
      expect(answer.status).toBe(200);
      const reply = openReply(credentials, answer.text);
      expect(contentOf(reply)).toBe('TESTCOMPONENT_MSG_TYPE_TEXT_callback');
      expect(reply).toContain(`<ToUserName><![CDATA[${USER}]]></ToUserName><FromUserName><![CDATA[${account.userName}]]></FromUserName>`);
    }
  });

  it('answers an event with a passive <Event>from_callback', async () => {
    const answer = await send(platform, OA, eventXml(OA.userName, USER, 'LOCATION', '<Latitude>23.1</Latitude><Longitude>113.3</Longitude><Precision>119</Precision>'));
    expect(contentOf(openReply(credentials, answer.text))).toBe('LOCATIONfrom_callback');
  });

  it('answers QUERY_AUTH_CODE empty at once, then calls api_query_auth and sends $code_from_api to the sender', async () => {
    // WeChat's test account, with the code WeChat would hand over in the message.
    await sandbox.client.createAccount({ type: 'official_account', appId: OA.appId, userName: OA.userName });
    const { authorizationCode: code } = await sandbox.client.authorize(OA.appId, { push: false });
    const xml = textXml(OA.userName, USER, `QUERY_AUTH_CODE:${code}`);
    expect(await send(platform, OA, xml)).toEqual({ status: 200, text: '' });

    const sent = await waitFor(async () => (await sandbox.client.customMessages(OA.appId)).find((m) => m.touser === USER), 'the _from_api message');
    expect(sent).toMatchObject({ msgtype: 'text', content: `${code}_from_api` });
    // The sandbox's codes are single use: the one api_query_auth succeeded, so it carried that very code.
    const queryAuth = await sandbox.client.calls({ path: '/cgi-bin/component/api_query_auth' });
    expect(queryAuth.map((call) => call.errcode ?? 0)).toEqual([0]);
    expect((await platform.get(ComponentService).getAuthorizer(OA.appId))?.status).toBe('authorized');

    // A retry of that message repeats the empty answer and sends nothing more.
    expect(await send(platform, OA, xml)).toEqual({ status: 200, text: '' });
    expect((await sandbox.client.customMessages(OA.appId)).filter((m) => m.touser === USER)).toHaveLength(1);
    expect(await sandbox.client.calls({ path: '/cgi-bin/component/api_query_auth' })).toHaveLength(1);
  });

  it('takes precedence over application handlers for the test accounts only', async () => {
    const handlers = platform.get(AppHandlers);
    expect(handlers.seen).toEqual([]);
    const other = await send(platform, OA, textXml(OA.userName, USER, 'anything else'));
    expect(contentOf(openReply(credentials, other.text))).toBe('from the application');
    const elsewhere = await send(platform, { appId: 'wx1111111111111111' }, textXml('gh_other', USER, 'TESTCOMPONENT_MSG_TYPE_TEXT'));
    expect(contentOf(openReply(credentials, elsewhere.text))).toBe('from the application');
    expect(handlers.seen.map((m) => m.appId)).toEqual([OA.appId, 'wx1111111111111111']);
  });

  it('can be switched off', async () => {
    const off = await start(false);
    try {
      const answer = await send(off, OA, textXml(OA.userName, USER, 'TESTCOMPONENT_MSG_TYPE_TEXT'));
      expect(contentOf(openReply(credentials, answer.text))).toBe('from the application');
    } finally {
      await off.close();
    }
  });
});
