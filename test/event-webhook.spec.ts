import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentService } from 'nestjs-wechat-component';
import { MessageCrypto } from '../libs/wechat-component/src/crypto/message-crypto.js';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { postXml, signedEventPush, ticketXml } from './support/push.js';

const QUERY_AUTH = '/cgi-bin/component/api_query_auth';

describe('the authorization event URL refuses bad pushes and changes nothing', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  let component: ComponentService;
  let credentials: { componentAppId: string; token: string; encodingAESKey: string };
  const forged = (id: string) => ticketXml(credentials.componentAppId, `ticket@@@forged-${id}`);

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox, { webhook: { maxBodyBytes: 4096 } });
    component = platform.get(ComponentService);
    credentials = { componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey };
    await connect(sandbox, platform);
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  /** The stored ticket is still the sandbox's: a component token can be fetched with it (a forged one → 61006). */
  async function expectTicketUntouched(): Promise<void> {
    await expect(component.refreshAccessToken()).resolves.toMatch(/\S/);
  }

  const cases: Array<[string, () => { query: string; body: string }, number, RegExp]> = [
    ['a wrong msg_signature', () => {
      const push = signedEventPush(credentials, forged('sig'));
      push.query.set('msg_signature', '0'.repeat(40));
      return { query: push.query.toString(), body: push.body };
    }, 401, /msg_signature/],
    ['a push encrypted for another appid', () => {
      const push = signedEventPush(credentials, forged('appid'), 'wx1111111111111111');
      return { query: push.query.toString(), body: push.body };
    }, 403, /another appid/],
    ['another component AppId inside the message', () => {
      const push = signedEventPush(credentials, ticketXml('wx2222222222222222', 'ticket@@@other'));
      return { query: push.query.toString(), body: push.body };
    }, 403, /another component/],
    ['broken base64', () => signedWith('not*base64*at*all')], 
    ['bad padding', () => signedWith(Buffer.alloc(64, 7).toString('base64'))],
    ['a body that is neither XML nor JSON', () => {
      const push = signedEventPush(credentials, forged('form'));
      return { query: push.query.toString(), body: `Encrypt=${encodeURIComponent(push.encrypt)}` };
    }, 400, /not an XML envelope/],
    ['entity declarations', () => {
      const push = signedEventPush(credentials, forged('xxe'));
      return { query: push.query.toString(), body: `<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>${push.body}` };
    }, 400, /declarations/],
    ['an encrypted message that is not XML', () => {
      const push = signedEventPush(credentials, 'just text');
      return { query: push.query.toString(), body: push.body };
    }, 400, /decrypted message/],
    ['missing query parameters', () => {
      const push = signedEventPush(credentials, forged('query'));
      push.query.delete('timestamp');
      return { query: push.query.toString(), body: push.body };
    }, 400, /missing msg_signature, timestamp or nonce/],
    ['a body over the limit', () => {
      const push = signedEventPush(credentials, forged('big'));
      return { query: push.query.toString(), body: push.body + ' '.repeat(5000) };
    }, 413, /larger than 4096 bytes/],
  ].map((entry) => (entry.length === 2 ? [entry[0], entry[1], 400, /cannot decrypt/] : entry) as [string, () => { query: string; body: string }, number, RegExp]);

  function signedWith(encrypt: string) {
    const crypto = new MessageCrypto(credentials.token, credentials.encodingAESKey);
    const timestamp = String(Math.floor(Date.now() / 1000)); // fresh, so the push gets as far as decryption
    const query = new URLSearchParams({ timestamp, nonce: '42', msg_signature: crypto.sign(timestamp, '42', encrypt) });
    return { query: query.toString(), body: `<xml><AppId><![CDATA[${credentials.componentAppId}]]></AppId><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
  }

  it.each(cases)('refuses %s', async (_name, build, status, reason) => {
    const { query, body } = build();
    const answer = await postXml(platform.eventsUrl, query, body);
    expect(answer.status).toBe(status);
    expect(answer.text).toMatch(reason);
    expect(platform.recorder.events.filter((e) => e.infoType === 'component_verify_ticket')).toHaveLength(1);
    await expectTicketUntouched();
  });

  it('keeps serving valid pushes after all of that', async () => {
    await sandbox.client.pushTicket();
    await platform.recorder.waitFor((_e) => platform.recorder.events.filter((e) => e.infoType === 'component_verify_ticket').length === 2);
    await expectTicketUntouched();
  });

  it('acts once on a push delivered twice (WeChat retries)', async () => {
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    const grant = await sandbox.client.authorize(appId, { push: false });
    const xml =
      `<xml><AppId><![CDATA[${credentials.componentAppId}]]></AppId><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>` +
      `<InfoType><![CDATA[authorized]]></InfoType><AuthorizerAppid><![CDATA[${appId}]]></AuthorizerAppid>` +
      `<AuthorizationCode><![CDATA[${grant.authorizationCode}]]></AuthorizationCode>` +
      `<AuthorizationCodeExpiredTime>${Math.floor(Date.now() / 1000) + 3600}</AuthorizationCodeExpiredTime>` +
      `<PreAuthCode><![CDATA[${grant.preAuthCode}]]></PreAuthCode></xml>`;
    const push = signedEventPush(credentials, xml);
    const first = await postXml(platform.eventsUrl, push.query, push.body);
    // The retry comes with a new timestamp and nonce, the same content.
    const retry = signedEventPush(credentials, xml);
    const second = await postXml(platform.eventsUrl, retry.query, retry.body);
    expect([first, second]).toEqual([{ status: 200, text: 'success' }, { status: 200, text: 'success' }]);
    expect(await sandbox.client.calls({ path: QUERY_AUTH })).toHaveLength(1);
    expect(platform.recorder.events.filter((e) => e.infoType === 'authorized')).toHaveLength(1);
    expect((await component.getAuthorizer(appId))?.status).toBe('authorized');
  });

  it('registers an authorization whose code an earlier delivery used and died (61009) from api_get_authorizer_info', async () => {
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    const grant = await sandbox.client.authorize(appId, { push: false });
    // The first delivery exchanged the code at WeChat, then died before recording anything.
    const used = await fetch(`${sandbox.apiBaseUrl}${QUERY_AUTH}?component_access_token=${await component.getAccessToken()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ component_appid: credentials.componentAppId, authorization_code: grant.authorizationCode }),
    });
    expect(await used.json()).toMatchObject({ authorization_info: { authorizer_appid: appId } });
    expect(await component.getAuthorizer(appId)).toBeUndefined();
    const xml =
      `<xml><AppId><![CDATA[${credentials.componentAppId}]]></AppId><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>` +
      `<InfoType><![CDATA[authorized]]></InfoType><AuthorizerAppid><![CDATA[${appId}]]></AuthorizerAppid>` +
      `<AuthorizationCode><![CDATA[${grant.authorizationCode}]]></AuthorizationCode>` +
      `<AuthorizationCodeExpiredTime>${Math.floor(Date.now() / 1000) + 3600}</AuthorizationCodeExpiredTime></xml>`;
    const retry = signedEventPush(credentials, xml);
    expect(await postXml(platform.eventsUrl, retry.query, retry.body)).toEqual({ status: 200, text: 'success' });
    const queries = await sandbox.client.calls({ path: QUERY_AUTH });
    expect(queries.at(-1)?.errcode).toBe(61009);
    expect(await component.getAuthorizer(appId)).toMatchObject({ status: 'authorized', refreshToken: (await sandbox.client.getAccount(appId)).refreshToken });
    await expect(component.refreshAuthorizerToken(appId)).resolves.toMatchObject({ expiresAt: expect.any(Number) });
  });

  it('answers 500 (so WeChat retries) when its own work fails, and handles the retry', async () => {
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    await sandbox.client.injectFault({ path: QUERY_AUTH, errcode: -1, times: 1 });
    const before = platform.recorder.events.length;
    const { push } = await sandbox.client.authorize(appId);
    expect(push?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    expect(platform.recorder.events.length - before).toBe(1);
    expect((await component.getAuthorizer(appId))?.status).toBe('authorized');
  });
});
