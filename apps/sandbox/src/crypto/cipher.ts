import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { pkcs7Pad, pkcs7Unpad } from './pkcs7.js';

/** The parts of a decrypted WeChat frame: `random(16) ‖ uint32be(len) ‖ message ‖ receiveId` (§4.2). */
export interface DecryptedFrame {
  random: Buffer;
  message: string;
  receiveId: string;
}

/**
 * Encrypts `message` for `receiveId`: frame, pad to 32 bytes (PKCS#7), AES-256-CBC with IV = key[0..16], Base64.
 * @param random 16 bytes; random by default (fixed only to reproduce published vectors).
 */
export function encryptFrame(key: Buffer, message: string, receiveId: string, random: Buffer = randomBytes(16)): string {
  if (random.length !== 16) throw new RangeError('random prefix must be 16 bytes');
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = pkcs7Pad(Buffer.concat([random, length, body, Buffer.from(receiveId, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/**
 * Reverses {@link encryptFrame}.
 * @throws RangeError when the ciphertext, the padding or the frame is malformed.
 */
export function decryptFrame(key: Buffer, encrypted: string): DecryptedFrame {
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) throw new RangeError('ciphertext is not a whole number of AES blocks');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = pkcs7Unpad(Buffer.concat([decipher.update(data), decipher.final()]));
  if (plain.length < 20) throw new RangeError('frame too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new RangeError('frame length exceeds the data');
  return {
    random: plain.subarray(0, 16),
    message: plain.subarray(20, 20 + length).toString('utf8'),
    receiveId: plain.subarray(20 + length).toString('utf8'),
  };
}
