import { createCipheriv, createDecipheriv, createHash, randomFillSync, timingSafeEqual } from 'node:crypto';

/** Why a ciphertext could not be opened; the webhooks turn these into 4xx answers. */
export type DecryptFailure = 'base64' | 'length' | 'padding' | 'frame';

/** Thrown by {@link MessageCrypto.decrypt}; carries no key material. */
export class MessageDecryptError extends Error {
  constructor(readonly failure: DecryptFailure) {
    super(`cannot decrypt message: bad ${failure}`);
  }
}

/** What a WeChat ciphertext holds. */
export interface DecryptedMessage {
  /** The message (usually XML), UTF-8. */
  readonly message: string;
  /** The id appended after the message; for third-party platforms, the component appid. */
  readonly receiveId: string;
}

const PAD_BLOCK = 32;
const AES_BLOCK = 16;
const RANDOM_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Random bytes for the 16-byte prefix of every ciphertext, drawn from the CSPRNG a pool at a time: `randomBytes(16)`
 * per reply is a system call per reply. Each byte is handed out once; the pool is refilled when used up.
 */
class RandomPool {
  private readonly pool = Buffer.allocUnsafe(RANDOM_BYTES * 256);
  private offset = this.pool.length;

  /** Copies the next `RANDOM_BYTES` bytes into `target` at `at`. */
  fill(target: Buffer, at: number): void {
    if (this.offset + RANDOM_BYTES > this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    this.pool.copy(target, at, this.offset, this.offset + RANDOM_BYTES);
    this.offset += RANDOM_BYTES;
  }
}

const randomPool = new RandomPool();

/**
 * WeChat's message encryption (WXBizMsgCrypt): SHA-1 signatures over the sorted strings, AES-256-CBC with
 * IV = key[0..16], PKCS#7 padding to 32-byte blocks, plaintext framed as random(16) ‖ uint32be(length) ‖ message ‖
 * receiveId. Pure and synchronous; the key never leaves this object.
 */
export class MessageCrypto {
  readonly #key: Buffer;
  readonly #iv: Buffer;
  readonly #token: string;

  constructor(token: string, encodingAESKey: string) {
    this.#token = token;
    this.#key = Buffer.from(`${encodingAESKey}=`, 'base64');
    if (encodingAESKey.length !== 43 || this.#key.length !== 32) {
      throw new Error('EncodingAESKey must be 43 characters of base64 that decode to 32 bytes');
    }
    this.#iv = this.#key.subarray(0, AES_BLOCK);
  }

  /** `msg_signature`: SHA-1 hex of the sorted, concatenated [token, timestamp, nonce, encrypt]. */
  sign(timestamp: string, nonce: string, encrypt: string): string {
    return sha1Sorted([this.#token, timestamp, nonce, encrypt]);
  }

  /** The plain `signature` query parameter: SHA-1 hex of the sorted [token, timestamp, nonce]. */
  signQuery(timestamp: string, nonce: string): string {
    return sha1Sorted([this.#token, timestamp, nonce]);
  }

  /** Compares `signature` with the expected one in constant time. */
  verify(signature: string, timestamp: string, nonce: string, encrypt: string): boolean {
    return constantTimeEqual(signature, this.sign(timestamp, nonce, encrypt));
  }

  /**
   * Encrypts `message` for `receiveId`; `random` (16 bytes) is for reproducing known vectors, else the bytes come from
   * a pool filled by the CSPRNG. The frame is laid out, padded and encrypted in one buffer.
   */
  encrypt(message: string, receiveId: string, random?: Buffer): string {
    const messageBytes = Buffer.byteLength(message, 'utf8');
    const frameBytes = RANDOM_BYTES + 4 + messageBytes + Buffer.byteLength(receiveId, 'utf8');
    const padding = PAD_BLOCK - (frameBytes % PAD_BLOCK);
    const plain = Buffer.allocUnsafe(frameBytes + padding);
    if (random) random.copy(plain, 0, 0, RANDOM_BYTES);
    else randomPool.fill(plain, 0);
    plain.writeUInt32BE(messageBytes, RANDOM_BYTES);
    plain.write(message, RANDOM_BYTES + 4, 'utf8');
    plain.write(receiveId, RANDOM_BYTES + 4 + messageBytes, 'utf8');
    plain.fill(padding, frameBytes);
    // No padding of its own (PKCS#7 to 32-byte blocks is done above), so update() returns every block and final() none.
    const cipher = createCipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false);
    return cipher.update(plain).toString('base64');
  }

  /**
   * The encrypted passive-reply envelope WeChat expects from the message URL (reusing the request's timestamp and
   * nonce is allowed).
   */
  encryptReply(message: string, receiveId: string, timestamp: string, nonce: string, random?: Buffer): string {
    const encrypt = this.encrypt(message, receiveId, random);
    return (
      `<xml>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n` +
      `<MsgSignature><![CDATA[${this.sign(timestamp, nonce, encrypt)}]]></MsgSignature>\n` +
      `<TimeStamp>${timestamp}</TimeStamp>\n<Nonce><![CDATA[${nonce}]]></Nonce>\n</xml>`
    );
  }

  /** Opens a base64 ciphertext; throws {@link MessageDecryptError} on any malformation (strict PKCS#7). */
  decrypt(encrypt: string): DecryptedMessage {
    if (!BASE64.test(encrypt)) throw new MessageDecryptError('base64');
    return this.decryptSigned(encrypt);
  }

  /**
   * Opens a ciphertext whose `msg_signature` was verified — WeChat's own base64, so the separate check of its
   * characters that {@link decrypt} makes is skipped. Malformed input still fails, on its length, padding or frame.
   */
  decryptSigned(encrypt: string): DecryptedMessage {
    const data = Buffer.from(encrypt, 'base64');
    if (data.length === 0 || data.length % AES_BLOCK !== 0) throw new MessageDecryptError('length');
    // Without auto-padding, update() returns every whole block and final() nothing: no concatenation needed.
    const plain = unpad(createDecipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false).update(data));
    if (plain.length < 20) throw new MessageDecryptError('frame');
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) throw new MessageDecryptError('frame');
    return {
      message: plain.toString('utf8', 20, 20 + length),
      receiveId: plain.toString('utf8', 20 + length),
    };
  }
}

function sha1Sorted(parts: string[]): string {
  return createHash('sha1').update(parts.sort().join('')).digest('hex');
}

/** Constant-time string comparison; unequal lengths are unequal without leaking where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function unpad(padded: Buffer): Buffer {
  const amount = padded[padded.length - 1] ?? 0;
  if (amount < 1 || amount > PAD_BLOCK || amount > padded.length) throw new MessageDecryptError('padding');
  for (let i = padded.length - amount; i < padded.length; i++) {
    if (padded[i] !== amount) throw new MessageDecryptError('padding');
  }
  return padded.subarray(0, padded.length - amount);
}
