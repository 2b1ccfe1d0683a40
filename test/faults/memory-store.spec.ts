import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizerClientFactory, AuthorizerMessageService, ComponentService } from 'nestjs-wechat-component';
import { MessageCrypto } from '../../libs/wechat-component/src/crypto/message-crypto.js';
import type { RunningSandbox } from '../../apps/sandbox/src/index.js';
import { recordFigure } from '../support/fault-figures.js';
import { signedMessagePush, textXml } from '../support/message-push.js';
import { connect, startPlatform, startTestSandbox, type TestPlatform } from '../support/platform.js';
import { postXml } from '../support/push.js';

const MESSAGES = 300_000;
const IN_FLIGHT = 256;
const BODIES = 1000;

/**
 * Issue 9, defect 6: in memory mode, refresh tokens, authorizer records and the ticket shared a 200,000-entry LRU with
 * tokens, locks and duplicate markers, so a busy platform (~670 messages/s within the 300 s dedupe window) evicted its
 * own authorizers. Through a real app on the memory store: 300,000 messages, each leaving a duplicate marker, and the
 * authorizers, their refresh tokens and the ticket are all still there and work.
 */
describe('the memory store never evicts durable data (issue 9, defect 6)', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform;
  const appIds: string[] = [];
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox); // no `store`: everything in this process's memory
    await connect(sandbox, platform);
    for (let i = 0; i < 5; i++) {
      const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
      await sandbox.client.authorize(appId);
      appIds.push(appId);
    }
  });
  afterAll(async () => {
    await platform.close();
    await sandbox.stop();
  });

  it(`keeps every authorizer, refresh token and the ticket through ${MESSAGES.toLocaleString('en')} messages`, { timeout: 300_000 }, async () => {
    const component = platform.get(ComponentService);
    const before = await Promise.all(appIds.map((appId) => component.getAuthorizer(appId)));
    expect(before.map((record) => record?.status)).toEqual(appIds.map(() => 'authorized'));

    // A few over HTTP, as WeChat sends them …
    for (let i = 0; i < 20; i++) {
      const push = signedMessagePush(sandbox, textXml('gh_account', `o_user_${i}`, `hello ${i}`));
      expect((await postXml(`${platform.url}/wechat/component/messages/${appIds[i % appIds.length]}`, push.query, push.body)).status).toBe(200);
    }
    // … and the bulk through the module's own message service (the same verify, decrypt, once-only and answer path,
    // without an HTTP round trip each): every message leaves a duplicate marker for the dedupe window. A message is
    // known by the account in its URL and its MsgId, so 1,000 sealed messages sent to 300 accounts' URLs make 300,000
    // distinct ones (the module decrypts each; the test seals each body once).
    const messages = platform.get(AuthorizerMessageService);
    const crypto = new MessageCrypto(sandbox.token, sandbox.encodingAESKey);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomBytes(4).readUInt32BE(0));
    const sealed = Array.from({ length: BODIES }, (_, i) => {
      const encrypt = crypto.encrypt(textXml('gh_account', `o_user_${i}`, 'hi', String(1_000_000_000_000 + i)), sandbox.componentAppId);
      const body = `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
      return { body, query: { msg_signature: crypto.sign(timestamp, nonce, encrypt), timestamp, nonce, encrypt_type: 'aes' } };
    });
    /** Message `i`: sealed body `i % BODIES` to the message URL of account `i / BODIES`. */
    const pushOf = (i: number): [string, string, Record<string, string>] => {
      const { body, query } = sealed[i % BODIES]!;
      return [`wx${String(Math.floor(i / BODIES)).padStart(16, '0')}`, body, query];
    };
    let next = 0;
    let duplicates = 0;
    const worker = async () => {
      while (next < MESSAGES) {
        if ((await messages.handle(...pushOf(next++))).duplicate) duplicates++;
        // The memory store answers without I/O: let timers and sockets have their turn, as real traffic would.
        if (next % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const elapsedMs = performance.now() - started;
    expect(duplicates).toBe(0);
    await recordFigure('memory store: messages handled (each leaving a duplicate marker)', MESSAGES, 'messages');
    await recordFigure('memory store: message handling rate through the module', Math.round((MESSAGES / elapsedMs) * 1000), 'messages/s');

    // Every authorizer is still known, with the same refresh token; the ticket is still there.
    expect(await Promise.all(appIds.map((appId) => component.getAuthorizer(appId)))).toEqual(before);
    expect(await component.getHealth()).toMatchObject({ ticket: true, store: 'memory' });
    // And they work: a refresh with the stored refresh token, an API call, a component token fetched with the ticket.
    const factory = platform.get(AuthorizerClientFactory);
    for (const appId of appIds) {
      await expect(component.refreshAuthorizerToken(appId)).resolves.toEqual({ expiresAt: expect.any(Number) });
      await expect((await factory.getClient(appId)).misc.getWechatIps()).resolves.toEqual(expect.any(Array));
    }
    await expect(component.refreshAccessToken()).resolves.toEqual(expect.any(String));
    // The first message's marker is still remembered: a retry of it is answered as a duplicate.
    expect((await messages.handle(...pushOf(0))).duplicate).toBe(true);
  });
});
