import type { MessageCrypto } from '../crypto/message-crypto.js';
import { parseXml, textOf, type XmlObject } from '../xml/parse.js';
import { jsonFields } from './json-format.js';

/** Reads an XML document, or a JSON one when the push format is JSON (WeChat expects replies in the push's format). */
function fieldsOf(text: string, format: 'xml' | 'json'): XmlObject {
  return format === 'json' ? jsonFields(text) : parseXml(text);
}

/** How the platform answered a message push. */
export type PassiveReply =
  /** Zero-length body: no reply, no retry. */
  | { kind: 'empty' }
  /** `success`: no reply, no retry. */
  | { kind: 'success' }
  /** An encrypted passive reply, verified and decrypted; `problems` lists what WeChat would reject. */
  | { kind: 'reply'; xml: string; fields: XmlObject; problems: string[] }
  /** Anything WeChat cannot use (the user then sees "该公众号暂时无法提供服务，请稍后再试"). */
  | { kind: 'invalid'; error: string }
  /** No HTTP 200 answer in any attempt. */
  | { kind: 'none'; error: string };

/** Who the reply must be addressed to and from. */
export interface ReplyParties {
  /** The user's openid: the reply's `ToUserName`. */
  openid: string;
  /** The account's `gh_…`: the reply's `FromUserName`. */
  userName: string;
}

/** Reads a platform's answer to a message push as WeChat does (§3.1, §4.5). */
export function readPassiveReply(crypto: MessageCrypto, body: string, parties: ReplyParties, format: 'xml' | 'json' = 'xml'): PassiveReply {
  if (body.trim() === '') return { kind: 'empty' };
  if (body === 'success') return { kind: 'success' };
  let envelope: XmlObject;
  try {
    envelope = fieldsOf(body, format);
  } catch {
    return { kind: 'invalid', error: `not ${format === 'json' ? 'JSON' : 'XML'}: ${JSON.stringify(body.slice(0, 80))}` };
  }
  const encrypt = textOf(envelope, 'Encrypt');
  if (encrypt === undefined) return { kind: 'invalid', error: 'the reply is not encrypted (third-party platforms must encrypt replies)' };
  const timestamp = textOf(envelope, 'TimeStamp');
  const nonce = textOf(envelope, 'Nonce');
  const msgSignature = textOf(envelope, 'MsgSignature');
  if (timestamp === undefined || nonce === undefined || msgSignature === undefined) {
    return { kind: 'invalid', error: 'the encrypted reply lacks TimeStamp, Nonce or MsgSignature' };
  }
  let xml: string;
  try {
    xml = crypto.open({ encrypt, timestamp, nonce, msgSignature });
  } catch (error) {
    return { kind: 'invalid', error: `cannot open the reply: ${(error as Error).message}` };
  }
  let fields: XmlObject;
  try {
    fields = fieldsOf(xml, format);
  } catch {
    return { kind: 'invalid', error: `the decrypted reply is not ${format === 'json' ? 'JSON' : 'XML'}: ${JSON.stringify(xml.slice(0, 80))}` };
  }
  const problems: string[] = [];
  if (textOf(fields, 'ToUserName') !== parties.openid) problems.push(`ToUserName must be the user's openid ${parties.openid}`);
  if (textOf(fields, 'FromUserName') !== parties.userName) problems.push(`FromUserName must be the account's ${parties.userName}`);
  if (!/^\d+$/.test(textOf(fields, 'CreateTime') ?? '')) problems.push('CreateTime must be a number');
  if (!textOf(fields, 'MsgType')) problems.push('MsgType is missing');
  return { kind: 'reply', xml, fields, problems };
}

/** Whether WeChat accepts the answer (no error shown to the user). */
export function isAcceptedReply(reply: PassiveReply): boolean {
  return reply.kind === 'empty' || reply.kind === 'success' || (reply.kind === 'reply' && reply.problems.length === 0);
}
