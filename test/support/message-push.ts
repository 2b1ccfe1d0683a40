import { randomBytes } from 'node:crypto';
import { MessageCrypto } from '../../libs/wechat-component/src/crypto/message-crypto.js';
import type { PushCredentials } from './push.js';

/**
 * Builds a signed, encrypted push exactly as WeChat sends it to the message and event URL (`…/$APPID$`), signed now
 * or at `signedAt` (epoch seconds).
 */
export function signedMessagePush(
  credentials: PushCredentials,
  plainXml: string,
  receiveId = credentials.componentAppId,
  signedAt = Math.floor(Date.now() / 1000),
) {
  const crypto = new MessageCrypto(credentials.token, credentials.encodingAESKey);
  const timestamp = String(signedAt);
  const nonce = String(randomBytes(4).readUInt32BE(0));
  const encrypt = crypto.encrypt(plainXml, receiveId);
  const toUserName = /<ToUserName><!\[CDATA\[([^\]]*)\]\]>/.exec(plainXml)?.[1] ?? 'gh_unknown';
  const openid = /<FromUserName><!\[CDATA\[([^\]]*)\]\]>/.exec(plainXml)?.[1] ?? '';
  const query = new URLSearchParams({
    signature: crypto.signQuery(timestamp, nonce),
    timestamp,
    nonce,
    openid,
    encrypt_type: 'aes',
    msg_signature: crypto.sign(timestamp, nonce, encrypt),
  });
  const body = `<xml><ToUserName><![CDATA[${toUserName}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  return { query, body, timestamp, nonce };
}

/** Opens an encrypted passive reply the way WeChat does: checks its signature and receive id, returns the XML. */
export function openReply(credentials: PushCredentials, replyXml: string): string {
  const crypto = new MessageCrypto(credentials.token, credentials.encodingAESKey);
  const field = (name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[([^\\]]*)\\]\\]>|([^<]*))</${name}>`).exec(replyXml);
  const pick = (name: string) => {
    const match = field(name);
    if (!match) throw new Error(`reply has no ${name}`);
    return match[1] ?? match[2] ?? '';
  };
  const encrypt = pick('Encrypt');
  if (!crypto.verify(pick('MsgSignature'), pick('TimeStamp'), pick('Nonce'), encrypt)) throw new Error('reply MsgSignature does not verify');
  const { message, receiveId } = crypto.decrypt(encrypt);
  if (receiveId !== credentials.componentAppId) throw new Error(`reply is encrypted for ${receiveId}`);
  return message;
}

let msgIds = BigInt(Date.now()) * 1000n;

/** A user's text message as WeChat pushes it, with a fresh 64-bit MsgId unless one is given. */
export function textXml(to: string, from: string, content: string, msgId = String(++msgIds), createTime = Math.floor(Date.now() / 1000)): string {
  return (
    `<xml><ToUserName><![CDATA[${to}]]></ToUserName>\n<FromUserName><![CDATA[${from}]]></FromUserName>\n` +
    `<CreateTime>${createTime}</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[${content}]]></Content>\n` +
    `<MsgId>${msgId}</MsgId>\n</xml>`
  );
}

/** An event as WeChat pushes it; `extra` is raw XML of the event's own fields. */
export function eventXml(to: string, from: string, event: string, extra = '', createTime = Math.floor(Date.now() / 1000)): string {
  return (
    `<xml><ToUserName><![CDATA[${to}]]></ToUserName>\n<FromUserName><![CDATA[${from}]]></FromUserName>\n` +
    `<CreateTime>${createTime}</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[${event}]]></Event>\n${extra}</xml>`
  );
}
