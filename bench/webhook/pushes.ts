import { randomBytes } from 'node:crypto';
import { buildWeChatXml, eventEnvelope, MessageCrypto } from '../../apps/sandbox/src/index.js';
import { postRequest } from '../lib/load.js';
import { BENCH_COMPONENT, EVENTS_PATH } from './credentials.js';

/**
 * `count` distinct `component_verify_ticket` pushes, encrypted and signed by the sandbox's own crypto (not the
 * library's), as WeChat sends them: envelope body, signed query. Every server gets the same requests in the same order.
 */
export function ticketPushes(count: number): Buffer[] {
  const crypto = new MessageCrypto({
    token: BENCH_COMPONENT.token,
    encodingAESKey: BENCH_COMPONENT.encodingAESKey,
    receiveId: BENCH_COMPONENT.componentAppId,
  });
  const createTime = Math.floor(Date.now() / 1000);
  const requests: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const ticket = `ticket@@@${randomBytes(24).toString('base64url')}`;
    const xml = buildWeChatXml({
      AppId: BENCH_COMPONENT.componentAppId,
      CreateTime: createTime,
      InfoType: 'component_verify_ticket',
      ComponentVerifyTicket: ticket,
    });
    const sealed = crypto.seal(xml, String(createTime), randomBytes(6).toString('hex'));
    const query = new URLSearchParams({
      signature: sealed.signature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
      encrypt_type: 'aes',
      msg_signature: sealed.msgSignature,
    });
    requests.push(postRequest(`${EVENTS_PATH}?${query}`, eventEnvelope(BENCH_COMPONENT.componentAppId, sealed.encrypt)));
  }
  return requests;
}
