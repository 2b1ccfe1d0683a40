import { randomBytes } from 'node:crypto';
import { buildWeChatXml, eventEnvelope, MessageCrypto, messageEnvelope } from '../../apps/sandbox/src/index.js';
import { postRequest } from '../lib/load.js';
import { BENCH_COMPONENT, EVENTS_PATH, MESSAGES_PATH } from './credentials.js';

/** Which webhook URL a load goes to. */
export type WebhookUrl = 'events' | 'messages';

/**
 * What the load sends: `fresh` — every push distinct; `retries` — as under load, when WeChat retries pushes whose
 * answer was late: every push is delivered a second time, `RETRY_LAG` pushes later (re-encrypted with a new nonce,
 * the same message), so half the requests are retries of pushes already handled.
 */
export type LoadKind = 'fresh' | 'retries';

/** How many pushes after the first delivery its retry comes. */
export const RETRY_LAG = 1000;

/** The authorized account the message pushes are addressed to (the module checks only its form). */
export const BENCH_ACCOUNT = 'wx00000000000000bb';

/**
 * `count` requests for `url`, encrypted and signed by the sandbox's own crypto (not the library's), as WeChat sends
 * them, signed now (so they are inside the freshness window while the run lasts): `component_verify_ticket` pushes on
 * the event URL, text messages (which the echo handlers answer with an encrypted reply) on the message URL.
 */
export function benchRequests(url: WebhookUrl, load: LoadKind, count: number): Buffer[] {
  const crypto = new MessageCrypto({
    token: BENCH_COMPONENT.token,
    encodingAESKey: BENCH_COMPONENT.encodingAESKey,
    receiveId: BENCH_COMPONENT.componentAppId,
  });
  const createTime = Math.floor(Date.now() / 1000);
  // MsgIds of this batch start at a random base: a store kept from an earlier run never sees them as retries.
  const msgIdBase = BigInt(`0x${randomBytes(5).toString('hex')}`) * 1_000_000n;
  const messages: string[] = [];
  const requests: Buffer[] = [];
  const deliver = (xml: string) => {
    const sealed = crypto.seal(xml, String(createTime), randomBytes(6).toString('hex'));
    const query = new URLSearchParams({
      signature: sealed.signature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
      ...(url === 'messages' ? { openid: 'oBenchUser' } : {}),
      encrypt_type: 'aes',
      msg_signature: sealed.msgSignature,
    });
    const path = url === 'events' ? EVENTS_PATH : `${MESSAGES_PATH}/${BENCH_ACCOUNT}`;
    const envelope = url === 'events' ? eventEnvelope(BENCH_COMPONENT.componentAppId, sealed.encrypt) : messageEnvelope('gh_bench', sealed.encrypt);
    requests.push(postRequest(`${path}?${query}`, envelope));
  };
  for (let i = 0; requests.length < count; i++) {
    const xml = url === 'events' ? ticketXml(createTime) : textXml(createTime, msgIdBase + BigInt(i));
    messages.push(xml);
    deliver(xml);
    if (load === 'retries' && i >= RETRY_LAG && requests.length < count) deliver(messages[i - RETRY_LAG]!);
  }
  return requests;
}

function ticketXml(createTime: number): string {
  return buildWeChatXml({
    AppId: BENCH_COMPONENT.componentAppId,
    CreateTime: createTime,
    InfoType: 'component_verify_ticket',
    ComponentVerifyTicket: `ticket@@@${randomBytes(24).toString('base64url')}`,
  });
}

function textXml(createTime: number, msgId: bigint): string {
  return buildWeChatXml({
    ToUserName: 'gh_bench',
    FromUserName: 'oBenchUser',
    CreateTime: createTime,
    MsgType: 'text',
    Content: `hello ${msgId % 1_000_000n}`,
    MsgId: msgId,
  });
}
