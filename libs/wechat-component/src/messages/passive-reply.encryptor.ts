import type { MessageCrypto } from '../crypto/message-crypto.js';

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
}
