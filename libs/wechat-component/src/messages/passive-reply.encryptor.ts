import type { MessageCrypto } from '../crypto/message-crypto.js';
import { parseXml, type XmlObject } from '../xml/wechat-xml.js';

/** A rendered reply's fields as WeChat's JSON format writes them (`CreateTime` a number, the rest as rendered). */
function replyJsonOf(replyXml: string): string {
  const fields: XmlObject = parseXml(replyXml);
  const createTime = Number(fields['CreateTime']);
  return JSON.stringify({ ...fields, ...(Number.isFinite(createTime) ? { CreateTime: createTime } : {}) });
}

/**
 * Encrypts passive replies the way WeChat expects them from the message URL: with the component's key, the
 * component AppID as receive id, signed with the request's timestamp and nonce.
 */
export class PassiveReplyEncryptor {
  constructor(
    private readonly crypto: MessageCrypto,
    private readonly componentAppId: string,
  ) {}

  encrypt(replyXml: string, timestamp: string, nonce: string): string {
    return this.crypto.encryptReply(replyXml, this.componentAppId, timestamp, nonce);
  }

  /**
   * The reply to a JSON push, in JSON: the reply's fields as a JSON object, encrypted and signed alike, in the
   * envelope `{"Encrypt","MsgSignature","TimeStamp","Nonce"}`.
   */
  encryptJson(replyXml: string, timestamp: string, nonce: string): string {
    const encrypt = this.crypto.encrypt(replyJsonOf(replyXml), this.componentAppId);
    return JSON.stringify({ Encrypt: encrypt, MsgSignature: this.crypto.sign(timestamp, nonce, encrypt), TimeStamp: Number(timestamp), Nonce: nonce });
  }
}
