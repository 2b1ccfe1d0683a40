import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { replyEnvelope } from '../crypto/envelopes.js';
import { startSandbox } from '../start-sandbox.js';
import { PushReceiver, type ReceivedPush } from '../testing/push-receiver.js';
import { startFixture, type Fixture } from '../testing/fixture.js';
import { buildWeChatXml } from '../xml/build.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());
afterEach(() => {
  f.receiver.responder = () => ({ body: 'success' });
});

const after = (count: number) => (push: ReceivedPush) => f.receiver.received.indexOf(push) >= count;

/** An encrypted passive text reply, as a platform would produce it. */
function textReply(push: ReceivedPush, content: string): string {
  const xml = buildWeChatXml({
    ToUserName: String(push.message['FromUserName']),
    FromUserName: String(push.message['ToUserName']),
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'text',
    Content: content,
  });
  return replyEnvelope(f.receiver.crypto.seal(xml, String(Math.floor(Date.now() / 1000)), '12345'));
}

describe('pushes to the authorization event URL', () => {
  it('component_verify_ticket: signed query, <AppId> envelope, WeChat’s exact plaintext', async () => {
    const { ticket, push } = await f.sandbox.client.pushTicket();
    expect(push?.ok).toBe(true);
    expect(push?.status).toBe(200);
    expect(push?.body).toBe('success');
    const received = f.receiver.received.at(-1)!;
    expect(received.verified).toBe(true);
    expect(received.path).toBe('/wechat/events');
    expect([...received.query.keys()]).toEqual(['signature', 'timestamp', 'nonce', 'encrypt_type', 'msg_signature']);
    expect(received.query.get('encrypt_type')).toBe('aes');
    expect(received.contentType).toMatch(/xml/);
    expect(Object.keys(received.envelope)).toEqual(['AppId', 'Encrypt']);
    expect(received.envelope['AppId']).toBe(f.sandbox.componentAppId);
    const createTime = received.message['CreateTime'];
    expect(received.plaintext).toBe(
      `<xml><AppId><![CDATA[${f.sandbox.componentAppId}]]></AppId>\n<CreateTime>${createTime}</CreateTime>\n` +
        `<InfoType><![CDATA[component_verify_ticket]]></InfoType>\n<ComponentVerifyTicket><![CDATA[${ticket}]]></ComponentVerifyTicket>\n</xml>`,
    );
    expect(ticket).toMatch(/^ticket@@@/);
  });

  it('authorized, then updateauthorized, then unauthorized', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'official_account' });
    const first = await f.sandbox.client.authorize(account.appId);
    expect(first.push?.ok).toBe(true);
    const authorized = f.receiver.received.at(-1)!;
    expect(authorized.message).toEqual({
      AppId: f.sandbox.componentAppId,
      CreateTime: expect.stringMatching(/^\d+$/),
      InfoType: 'authorized',
      AuthorizerAppid: account.appId,
      AuthorizationCode: first.authorizationCode,
      AuthorizationCodeExpiredTime: String(Number(authorized.message['CreateTime']) + 3600),
      PreAuthCode: first.preAuthCode,
    });
    expect(authorized.plaintext).toContain(`<AuthorizationCodeExpiredTime>${Number(authorized.message['CreateTime']) + 3600}</AuthorizationCodeExpiredTime>`);
    expect(first.preAuthCode).toMatch(/^preauthcode@@@/);
    const second = await f.sandbox.client.authorize(account.appId);
    expect(second.infoType).toBe('updateauthorized');
    expect(f.receiver.received.at(-1)!.message['InfoType']).toBe('updateauthorized');
    const revoked = await f.sandbox.client.revoke(account.appId);
    expect(revoked.push?.ok).toBe(true);
    const unauthorized = f.receiver.received.at(-1)!;
    expect(unauthorized.plaintext).toBe(
      `<xml><AppId><![CDATA[${f.sandbox.componentAppId}]]></AppId>\n<CreateTime>${unauthorized.message['CreateTime']}</CreateTime>\n` +
        `<InfoType><![CDATA[unauthorized]]></InfoType>\n<AuthorizerAppid><![CDATA[${account.appId}]]></AuthorizerAppid>\n</xml>`,
    );
  });

  it('notify_third_fasteregister: status 0 creates an authorized mini program whose auth_code works', async () => {
    const result = await f.sandbox.client.fastRegister({ nickName: '极速小程序', info: { name: '极速科技有限公司' } });
    expect(result.push?.ok).toBe(true);
    const received = f.receiver.received.at(-1)!;
    expect(received.message).toMatchObject({
      InfoType: 'notify_third_fasteregister',
      appid: result.appId,
      status: '0',
      auth_code: result.authCode,
      msg: 'OK',
      info: { name: '极速科技有限公司', code_type: '1' },
    });
    const answer = await f.wx.post(
      '/cgi-bin/component/api_query_auth',
      { component_appid: f.sandbox.componentAppId, authorization_code: result.authCode },
      { component_access_token: await f.componentToken() },
    );
    expect((answer['authorization_info'] as { authorizer_appid: string }).authorizer_appid).toBe(result.appId);
    const failed = await f.sandbox.client.fastRegister({ status: 100003 });
    expect(failed.appId).toBeUndefined();
    expect(f.receiver.received.at(-1)!.message).toMatchObject({ status: '100003', appid: '', auth_code: '' });
  });

  it('records an answer other than success as not ok, without retrying', async () => {
    f.receiver.responder = () => ({ body: 'ok' });
    const { push } = await f.sandbox.client.pushTicket();
    expect(push).toMatchObject({ ok: false, status: 200, body: 'ok', error: expect.stringContaining('expected "success"') });
    expect(push?.attempts).toHaveLength(1);
  });

  it('retries up to 3 attempts on HTTP errors and timeouts', async () => {
    let calls = 0;
    f.receiver.responder = () => (++calls < 3 ? { status: 500, body: 'boom' } : { body: 'success' });
    const { push } = await f.sandbox.client.pushTicket();
    expect(push?.ok).toBe(true);
    expect(push?.attempts.map((a) => a.status)).toEqual([500, 500, 200]);

    await f.sandbox.client.updateSettings({ pushTimeoutMs: 100 });
    try {
      f.receiver.responder = () => ({ body: 'success', delayMs: 300 });
      const { push: slow } = await f.sandbox.client.pushTicket();
      expect(slow?.ok).toBe(false);
      expect(slow?.attempts).toHaveLength(3);
      expect(slow?.error).toBe('no answer within 100 ms');
    } finally {
      await f.sandbox.client.updateSettings({ pushTimeoutMs: 5000 });
    }
  });

  it('lists pushes with filters', async () => {
    const account = await f.sandbox.client.createAccount({ type: 'mini_program' });
    await f.sandbox.client.authorize(account.appId);
    const pushes = await f.sandbox.client.pushes({ kind: 'event', appId: account.appId });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ type: 'authorized', ok: true, fields: { AuthorizationCode: expect.stringMatching(/…$/) } });
  });
});

describe('ticket schedule', () => {
  it('pushes one ticket when the event URL becomes known, then every interval', async () => {
    const sandbox = await startSandbox({ ticketIntervalSeconds: 1, seedAccounts: false });
    const receiver = await new PushReceiver({ token: sandbox.token, encodingAESKey: sandbox.encodingAESKey, componentAppId: sandbox.componentAppId }).start();
    try {
      expect((await sandbox.client.summary()).ticket).toBeUndefined();
      sandbox.setPushTargets({ eventUrl: receiver.url });
      await receiver.waitForType('component_verify_ticket', 2000);
      await receiver.waitFor(() => receiver.received.length >= 2, 4000);
      expect(receiver.received.every((p) => p.verified)).toBe(true);
      const tickets = receiver.received.map((p) => p.message['ComponentVerifyTicket']);
      expect(new Set(tickets).size).toBe(tickets.length);
    } finally {
      await sandbox.stop();
      await receiver.stop();
    }
  });

  it('pushes at start when the event URL is given, and not at all when told not to', async () => {
    const receiver = await new PushReceiver({ token: 'sandboxtoken', encodingAESKey: 'SandboxEncodingAESKey0123456789abcdefghijkl', componentAppId: 'wx5a9d3c1e7b2f4086' }).start();
    const eager = await startSandbox({ eventUrl: receiver.url, seedAccounts: false });
    const quiet = await startSandbox({ eventUrl: receiver.url, seedAccounts: false, pushTicketOnStart: false });
    try {
      await receiver.waitForType('component_verify_ticket', 2000);
      expect(receiver.received[0]!.verified).toBe(true);
      expect((await quiet.client.summary()).ticket).toBeUndefined();
    } finally {
      await Promise.all([eager.stop(), quiet.stop(), receiver.stop()]);
    }
  });
});

describe('pushes to the message URL', () => {
  let appId: string;
  beforeAll(async () => {
    appId = (await f.sandbox.client.createAccount({ type: 'official_account' })).appId;
    await f.sandbox.client.authorize(appId, { push: false });
  });

  it('substitutes $APPID$, adds openid, uses the <ToUserName> envelope and reads an encrypted reply', async () => {
    const count = f.receiver.received.length;
    f.receiver.responder = (push) => ({ body: textReply(push, `echo:${String(push.message['Content'])}`) });
    const delivery = await f.sandbox.client.sendMessage(appId, { type: 'text', content: '你好', user: 'lisi' });
    const received = await f.receiver.waitFor(after(count));
    const account = await f.sandbox.client.getAccount(appId);
    expect(received.path).toBe(`/wechat/${appId}/messages`);
    expect([...received.query.keys()]).toEqual(['signature', 'timestamp', 'nonce', 'openid', 'encrypt_type', 'msg_signature']);
    expect(received.query.get('openid')).toBe(delivery.openid);
    expect(received.verified).toBe(true);
    expect(received.envelope).toEqual({ ToUserName: account.userName, Encrypt: expect.any(String) });
    expect(received.message).toMatchObject({ ToUserName: account.userName, FromUserName: delivery.openid, MsgType: 'text', Content: '你好' });
    expect(received.plaintext).toMatch(/<MsgId>\d{19}<\/MsgId>/);
    expect(delivery.reply).toMatchObject({ kind: 'reply', problems: [], fields: { MsgType: 'text', Content: 'echo:你好' } });
    expect(delivery.push.ok).toBe(true);
  });

  it('accepts success and an empty body; flags plaintext, JSON and wrongly signed replies', async () => {
    const send = () => f.sandbox.client.sendMessage(appId, { type: 'event', event: 'CLICK', eventKey: 'V1001_TODAY' });
    f.receiver.responder = () => ({ body: 'success' });
    expect((await send()).reply).toEqual({ kind: 'success' });
    f.receiver.responder = () => ({ body: '' });
    expect((await send()).reply).toEqual({ kind: 'empty' });
    f.receiver.responder = () => ({ body: '<xml><ToUserName>x</ToUserName><Content>plain</Content></xml>' });
    const plain = await send();
    expect(plain.reply).toMatchObject({ kind: 'invalid', error: expect.stringContaining('not encrypted') });
    expect(plain.push.ok).toBe(false);
    f.receiver.responder = () => ({ body: '{"reply":"json"}' });
    expect((await send()).reply).toMatchObject({ kind: 'invalid', error: expect.stringContaining('not XML') });
    f.receiver.responder = (push) => ({ body: textReply(push, 'x').replace(/<MsgSignature><!\[CDATA\[\w+/, '<MsgSignature><![CDATA[0000') });
    expect((await send()).reply).toMatchObject({ kind: 'invalid', error: expect.stringContaining('signature') });
    f.receiver.responder = (push) => ({ body: textReply({ ...push, message: { ...push.message, FromUserName: 'someone-else' } }, 'x') });
    expect((await send()).reply).toMatchObject({ kind: 'reply', problems: [expect.stringContaining('ToUserName')] });
    const event = f.receiver.received.at(-1)!;
    expect(event.message).toMatchObject({ MsgType: 'event', Event: 'CLICK', EventKey: 'V1001_TODAY' });
    expect(event.plaintext).not.toContain('MsgId');
  });

  it('retries 3 times when the platform does not answer within the timeout', async () => {
    await f.sandbox.client.updateSettings({ pushTimeoutMs: 100 });
    try {
      f.receiver.responder = () => ({ body: '', delayMs: 250 });
      const delivery = await f.sandbox.client.sendMessage(appId, { type: 'text', content: 'slow' });
      expect(delivery.push.attempts).toHaveLength(3);
      expect(delivery.reply).toEqual({ kind: 'none', error: 'no answer within 100 ms' });
    } finally {
      await f.sandbox.client.updateSettings({ pushTimeoutMs: 5000 });
    }
  });

  it('refuses accounts that have not authorized (409) and unknown ones (404)', async () => {
    const fresh = await f.sandbox.client.createAccount({ type: 'official_account' });
    await expect(f.sandbox.client.sendMessage(fresh.appId, { type: 'text', content: 'x' })).rejects.toMatchObject({ status: 409 });
    await expect(f.sandbox.client.sendMessage('wx0000000000000000', { type: 'text', content: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(f.sandbox.client.sendMessage(appId, { type: 'text', content: '' })).rejects.toMatchObject({ status: 400 });
  });
});
