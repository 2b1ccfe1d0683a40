import { epochSeconds } from '../common/clock.js';
import { credentialShapes } from '../common/ids.js';
import { messageEnvelope } from '../crypto/envelopes.js';
import type { MessageCrypto } from '../crypto/message-crypto.js';
import type { Account } from '../state/accounts.js';
import type { SandboxSettings } from '../state/settings.js';
import { buildWeChatXml, type XmlFields } from '../xml/build.js';
import { isAcceptedReply, readPassiveReply, type PassiveReply } from './passive-reply.js';
import type { PushDelivery } from './push-delivery.js';
import { redact } from '../recording/redact.js';
import type { PushRecord } from './push-log.js';
import { buildWeChatJson, jsonEnvelope } from './json-format.js';
import { sealPush } from './sealed-push.js';

/** What a user sends: the message body without the addressing fields, which the pusher fills in. */
export interface UserMessage {
  /** `text`, `image`, `event`, … */
  MsgType: string;
  [field: string]: string | number | bigint | XmlFields;
}

/** The outcome of a message push. */
export interface MessageDelivery {
  push: PushRecord;
  openid: string;
  /** The plaintext message sent (JSON-safe: 64-bit ids as strings). */
  message: Record<string, unknown>;
  reply: PassiveReply;
}

/** Raised when a message cannot be pushed at all. */
export class MessageTargetError extends Error {}

/**
 * Pushes user messages and events to the message URL (`$APPID$` replaced, `openid` in the query), encrypted with
 * the component's key, `<ToUserName>` envelope; reads and verifies the passive reply.
 */
export class MessagePusher {
  constructor(
    private readonly crypto: MessageCrypto,
    private readonly settings: SandboxSettings,
    private readonly clock: () => number,
    private readonly delivery: PushDelivery,
  ) {}

  /** @throws MessageTargetError when no message URL is configured. */
  async send(account: Account, openid: string, body: UserMessage): Promise<MessageDelivery> {
    const template = this.settings.messageUrl;
    if (template === undefined) throw new MessageTargetError('no message URL is configured');
    const message: XmlFields = { ToUserName: account.userName, FromUserName: openid, CreateTime: epochSeconds(this.clock), ...body };
    if (body.MsgType !== 'event' && message['MsgId'] === undefined) message['MsgId'] = BigInt(credentialShapes.msgId());
    const json = this.settings.pushFormat === 'json';
    const sealed = sealPush(
      this.crypto,
      this.clock,
      template.replaceAll('$APPID$', account.appId),
      json ? buildWeChatJson(message) : buildWeChatXml(message),
      (encrypt) => (json ? jsonEnvelope('ToUserName', account.userName, encrypt) : messageEnvelope(account.userName, encrypt)),
      openid,
    );
    const parties = { openid, userName: account.userName };
    const shown = redact(message) as Record<string, unknown>;
    let reply: PassiveReply | undefined;
    const { record } = await this.delivery.deliver(
      {
        kind: 'message',
        type: body.MsgType === 'event' ? `event:${String(body['Event'])}` : body.MsgType,
        appId: account.appId,
        url: sealed.url,
        body: sealed.body,
        fields: shown,
      },
      (_status, answer) => {
        reply = readPassiveReply(this.crypto, answer, parties, json ? 'json' : 'xml');
        if (isAcceptedReply(reply)) return { ok: true };
        return { ok: false, error: reply.kind === 'reply' ? reply.problems.join('; ') : reply.kind === 'invalid' ? reply.error : reply.kind };
      },
    );
    return { push: record, openid, message: shown, reply: reply ?? { kind: 'none', error: record.error ?? 'no answer' } };
  }
}
