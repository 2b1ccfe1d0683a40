import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentService } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { signedMessagePush } from './support/message-push.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { postXml, signedEventPush } from './support/push.js';

const ACCOUNT = 'wx00000000000000aa';

/**
 * Decrypted payloads the flat parser refuses, each signed and encrypted for real (so it gets past the signature, the
 * freshness window and the decryption): what WeChat never sends, and what a careless parser would choke on. The
 * crafted ones fill what fits in a 64 KB body (base64 grows a payload by a third).
 */
function hostilePayloads(componentAppId: string): Array<[string, string]> {
  const head = `<xml><AppId><![CDATA[${componentAppId}]]></AppId><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>`;
  const room = 46_000;
  const fill = (unit: string) => unit.repeat(Math.floor(room / unit.length));
  return [
    ['an external entity', `<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>${head}<Content>&x;</Content></xml>`],
    ['an entity declaration inside', `${head}<!ENTITY x "y"><Content>1</Content></xml>`],
    ['an unknown entity', `${head}<Content>&x;</Content></xml>`],
    ['elements nested 17 deep', `${head}${'<a>'.repeat(17)}1${'</a>'.repeat(17)}</xml>`],
    ['an unclosed element', `${head}<Content>1</xml>`],
    ['a second root', `${head}</xml><xml/>`],
    ['crafted: 15,000 openers', `${head}${fill('<a>')}`],
    ['crafted: CDATA without end', `${head}<Content><![CDATA[${fill('A')}`],
    ['crafted: comment openers', `${head}<Content>${fill('<!--')}`],
    ['crafted: text runs and a bare & at the end', `${head}<Content>${fill('x<!---->')}& </Content></xml>`],
    ['crafted: an attribute quote never closed', `${head}<Content a="${fill('>')}`],
  ];
}

describe.each([
  ['on the fast path (the default)', true],
  ['routed through Nest', false],
])('signed pushes with hostile decrypted XML, %s', (_route, fastPath) => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  let credentials: { componentAppId: string; token: string; encodingAESKey: string };

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox, { reconcile: false, webhook: { fastPath } });
    credentials = { componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey };
    await connect(sandbox, platform);
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  it('refuses each on both URLs with 400, handling nothing and storing nothing', async () => {
    const eventsBefore = platform.recorder.events.length;
    const ticketBefore = await platform.get(ComponentService).getHealth();
    for (const [name, xml] of hostilePayloads(credentials.componentAppId)) {
      const event = signedEventPush(credentials, xml);
      expect(event.body.length, name).toBeLessThan(65_536);
      const eventAnswer = await postXml(platform.eventsUrl, event.query, event.body);
      expect(eventAnswer, name).toEqual({ status: 400, text: expect.stringMatching(/decrypted message: .*(not well-formed|declarations|deeper than 16)/) });
      const message = signedMessagePush(credentials, xml);
      const messageAnswer = await postXml(platform.messagesUrl.replace('$APPID$', ACCOUNT), message.query, message.body);
      expect(messageAnswer.status, name).toBe(400);
    }
    expect(platform.recorder.events.length).toBe(eventsBefore);
    expect((await platform.get(ComponentService).getHealth()).ticketAgeMs).toBeGreaterThanOrEqual(ticketBefore.ticketAgeMs ?? 0);
  });
});
