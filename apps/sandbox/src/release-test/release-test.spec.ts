import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyEnvelope } from '../crypto/envelopes.js';
import { startFixture, type Fixture } from '../testing/fixture.js';
import type { PushResponder, ReceivedPush } from '../testing/push-receiver.js';
import { buildWeChatXml } from '../xml/build.js';
import { RELEASE_TEST_GROUPS } from './test-accounts.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ seedAccounts: false });
});
afterAll(() => f.stop());

/**
 * A minimal platform that passes the release test: stores the ticket, answers the text case with a passive
 * reply, the QUERY_AUTH_CODE case with an empty reply and then api_query_auth + message/custom/send, and the
 * event case with `<Event>from_callback`. It also redeems every `authorized` push's code, as SDKs do.
 */
function releasePlatform(): PushResponder {
  let ticket = '';
  const componentToken = async (): Promise<string> => {
    const answer = await f.wx.post('/cgi-bin/component/api_component_token', {
      component_appid: f.sandbox.componentAppId,
      component_appsecret: f.sandbox.componentAppSecret,
      component_verify_ticket: ticket,
    });
    return answer['component_access_token'] as string;
  };
  const queryAuth = async (code: string): Promise<string> => {
    const answer = await f.wx.post(
      '/cgi-bin/component/api_query_auth',
      { component_appid: f.sandbox.componentAppId, authorization_code: code },
      { component_access_token: await componentToken() },
    );
    return (answer['authorization_info'] as { authorizer_access_token: string }).authorizer_access_token;
  };
  const reply = (push: ReceivedPush, content: string): string => {
    const now = String(Math.floor(Date.now() / 1000));
    const xml = buildWeChatXml({
      ToUserName: String(push.message['FromUserName']),
      FromUserName: String(push.message['ToUserName']),
      CreateTime: Number(now),
      MsgType: 'text',
      Content: content,
    });
    return replyEnvelope(f.receiver.crypto.seal(xml, now, '424242'));
  };
  return async (push) => {
    const m = push.message;
    if (m['InfoType'] === 'component_verify_ticket') ticket = String(m['ComponentVerifyTicket']);
    if (m['InfoType'] === 'authorized' || m['InfoType'] === 'updateauthorized') await queryAuth(String(m['AuthorizationCode']));
    if (m['InfoType'] !== undefined) return { body: 'success' };
    if (m['MsgType'] === 'event') return { body: reply(push, `${String(m['Event'])}from_callback`) };
    const content = String(m['Content']);
    if (content === 'TESTCOMPONENT_MSG_TYPE_TEXT') return { body: reply(push, 'TESTCOMPONENT_MSG_TYPE_TEXT_callback') };
    if (content.startsWith('QUERY_AUTH_CODE:')) {
      const code = content.slice('QUERY_AUTH_CODE:'.length);
      setTimeout(() => {
        void queryAuth(code).then((token) =>
          f.wx.post('/cgi-bin/message/custom/send', { touser: m['FromUserName'], msgtype: 'text', text: { content: `${code}_from_api` } }, { access_token: token }),
        );
      }, 10);
      return { body: '' };
    }
    return { body: 'success' };
  };
}

describe('full-network-release test', () => {
  it('passes every case against a correct platform', async () => {
    f.receiver.responder = releasePlatform();
    const report = await f.sandbox.client.runReleaseTest({ group: 1 });
    expect(report.cases.map((c) => [c.name, c.passed, c.detail])).toEqual([
      ['component_verify_ticket', true, 'answered success'],
      ['authorize official account wx570bc396a51b8ff8', true, 'authorized answered success'],
      ['authorize mini program wxd101a85aa106f53e', true, 'authorized answered success'],
      ['text_passive_reply', true, 'replied TESTCOMPONENT_MSG_TYPE_TEXT_callback'],
      ['query_auth_code_api_reply', true, expect.stringMatching(/^empty reply, then queryauthcode@@@.+_from_api via message\/custom\/send$/)],
      ['event_passive_reply', true, 'replied LOCATIONfrom_callback'],
      ['mini_program_customer_service', true, expect.stringMatching(/_from_api via message\/custom\/send$/)],
    ]);
    expect(report).toMatchObject({ group: 1, passed: true });
    const text = f.receiver.received.find((p) => p.message['Content'] === 'TESTCOMPONENT_MSG_TYPE_TEXT')!;
    expect(text.path).toBe('/wechat/wx570bc396a51b8ff8/messages');
    expect(text.envelope['ToUserName']).toBe('gh_3c884a361561');
    const sent = await f.sandbox.client.customMessages('wxd101a85aa106f53e');
    expect(sent.at(-1)?.content).toMatch(/_from_api$/);
  });

  it('uses a random group by default, re-authorizing (updateauthorized) on later runs', async () => {
    f.receiver.responder = releasePlatform();
    const report = await f.sandbox.client.runReleaseTest({ group: 1, miniProgram: false, legacyEvent: false });
    expect(report.passed).toBe(true);
    expect(report.cases.map((c) => c.name)).toEqual(['component_verify_ticket', 'authorize official account wx570bc396a51b8ff8', 'text_passive_reply', 'query_auth_code_api_reply']);
    expect(report.cases[1]!.detail).toBe('updateauthorized answered success');
    const random = await f.sandbox.client.runReleaseTest({ miniProgram: false });
    expect(RELEASE_TEST_GROUPS.map((g) => g.group)).toContain(random.group);
  });

  it('reports what a platform that only answers success gets wrong', async () => {
    f.receiver.responder = () => ({ body: 'success' });
    const report = await f.sandbox.client.runReleaseTest({ group: 2, apiReplyTimeoutMs: 200 });
    expect(report.passed).toBe(false);
    const byName = Object.fromEntries(report.cases.map((c) => [c.name, c]));
    expect(byName['component_verify_ticket']!.passed).toBe(true);
    expect(byName['text_passive_reply']).toMatchObject({ passed: false, detail: 'expected a passive text reply "TESTCOMPONENT_MSG_TYPE_TEXT_callback", got success' });
    expect(byName['query_auth_code_api_reply']).toMatchObject({ passed: false, detail: expect.stringContaining('no customer-service message') });
    expect(byName['query_auth_code_api_reply']!.detail).toContain('api_query_auth was not called');
    expect(byName['event_passive_reply']!.passed).toBe(false);
  });

  it('fails every case when the platform has no URLs, and refuses a bad group (400)', async () => {
    const bare = await startFixture({ seedAccounts: false });
    try {
      await bare.sandbox.client.updateSettings({ eventUrl: null, messageUrl: null });
      const report = await bare.sandbox.client.runReleaseTest({ group: 3, miniProgram: false });
      expect(report.passed).toBe(false);
      expect(report.cases[0]).toMatchObject({ name: 'component_verify_ticket', passed: false, detail: 'no event URL is configured' });
      expect(report.cases.find((c) => c.name === 'text_passive_reply')?.detail).toBe('no message URL is configured');
      await expect(bare.sandbox.client.runReleaseTest({ group: 6 })).rejects.toMatchObject({ status: 400 });
    } finally {
      await bare.stop();
    }
  });
});
