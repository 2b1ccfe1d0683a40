import { randomBytes } from 'node:crypto';
import { decodeEncodingAESKey } from './aes-key.js';
import { decryptFrame, encryptFrame } from './cipher.js';
import { signaturesEqual, sortedSha1 } from './signature.js';

/** The credentials of one side of WeChat's message encryption. */
export interface MessageCryptoOptions {
  /** The platform's message-check Token. */
  token: string;
  /** The 43-character EncodingAESKey. */
  encodingAESKey: string;
  /** The id appended inside every ciphertext; the component appid for all third-party-platform traffic. */
  receiveId: string;
}

/** An encrypted and signed message, ready for an envelope and a query string. */
export interface SealedMessage {
  encrypt: string;
  timestamp: string;
  nonce: string;
  /** sha1(sorted [token, timestamp, nonce, encrypt]). */
  msgSignature: string;
  /** sha1(sorted [token, timestamp, nonce]) — the plain `signature` query parameter. */
  signature: string;
}

/** What {@link MessageCrypto.open} needs: the ciphertext and the values it was signed with. */
export interface SignedCiphertext {
  encrypt: string;
  timestamp: string;
  nonce: string;
  msgSignature: string;
}

/** Why a ciphertext was refused; codes follow the official samples (§4.5). */
export class MessageCryptoError extends Error {
  constructor(
    readonly code: -40001 | -40005 | -40007,
    message: string,
  ) {
    super(message);
    this.name = 'MessageCryptoError';
  }
}

/**
 * WeChat's message encryption (WXBizMsgCrypt): AES-256-CBC with the EncodingAESKey, 32-byte PKCS#7, the
 * receive id inside the frame, and SHA-1 signatures of the sorted strings. Pure; no I/O.
 */
export class MessageCrypto {
  private readonly key: Buffer;

  constructor(private readonly options: MessageCryptoOptions) {
    this.key = decodeEncodingAESKey(options.encodingAESKey);
  }

  get receiveId(): string {
    return this.options.receiveId;
  }

  /** Encrypts and signs `message`. `random` is fixed only to reproduce published vectors. */
  seal(message: string, timestamp: string, nonce: string, random: Buffer = randomBytes(16)): SealedMessage {
    const encrypt = encryptFrame(this.key, message, this.options.receiveId, random);
    return {
      encrypt,
      timestamp,
      nonce,
      msgSignature: sortedSha1(this.options.token, timestamp, nonce, encrypt),
      signature: sortedSha1(this.options.token, timestamp, nonce),
    };
  }

  /** The `msg_signature` of a ciphertext. */
  msgSignature(timestamp: string, nonce: string, encrypt: string): string {
    return sortedSha1(this.options.token, timestamp, nonce, encrypt);
  }

  /** The plain `signature` (no ciphertext). */
  signature(timestamp: string, nonce: string): string {
    return sortedSha1(this.options.token, timestamp, nonce);
  }

  /**
   * Verifies the signature, decrypts and checks the receive id.
   * @throws MessageCryptoError -40001 (signature), -40007 (decryption), -40005 (receive id).
   */
  open(input: SignedCiphertext): string {
    const expected = this.msgSignature(input.timestamp, input.nonce, input.encrypt);
    if (!signaturesEqual(expected, input.msgSignature)) throw new MessageCryptoError(-40001, 'signature check failed');
    let frame;
    try {
      frame = decryptFrame(this.key, input.encrypt);
    } catch (error) {
      throw new MessageCryptoError(-40007, `decryption failed: ${(error as Error).message}`);
    }
    if (frame.receiveId !== this.options.receiveId) throw new MessageCryptoError(-40005, 'receive id check failed');
    return frame.message;
  }

  /** Decrypts without a signature check (for inspecting a ciphertext whose signature was checked elsewhere). */
  decrypt(encrypt: string): string {
    const frame = decryptFrame(this.key, encrypt);
    if (frame.receiveId !== this.options.receiveId) throw new MessageCryptoError(-40005, 'receive id check failed');
    return frame.message;
  }
}
