import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  VECTOR_A,
  VECTOR_B,
  VECTOR_C,
  VECTOR_D,
  VECTOR_E,
  VECTOR_S,
  VECTOR_W,
} from '../fixtures/official-vectors.js';
import { MessageCrypto, MessageDecryptError } from '../../libs/wechat-component/src/crypto/message-crypto.js';

const ascii = (s: string) => Buffer.from(s, 'ascii');

describe('MessageCrypto against the official vectors (§4.6)', () => {
  it('S: reproduces the official demo output and opens it', () => {
    const crypto = new MessageCrypto(VECTOR_S.token, VECTOR_S.encodingAESKey);
    expect(crypto.sign(VECTOR_S.timestamp, VECTOR_S.nonce, VECTOR_S.encrypt)).toBe(VECTOR_S.msgSignature);
    expect(crypto.decrypt(VECTOR_S.encrypt)).toEqual({ message: VECTOR_S.message, receiveId: VECTOR_S.appId });
    expect(crypto.encrypt(VECTOR_S.message, VECTOR_S.appId, ascii(VECTOR_S.random))).toBe(VECTOR_S.encrypt);
  });

  it('A1 / A2: encrypts with a fixed random exactly as the Java sample', () => {
    const crypto = new MessageCrypto(VECTOR_A.token, VECTOR_A.encodingAESKey);
    for (const v of [VECTOR_A.a1, VECTOR_A.a2]) {
      const encrypt = crypto.encrypt(v.message, VECTOR_A.appId, ascii(VECTOR_A.random));
      expect(encrypt).toBe(v.encrypt);
      expect(crypto.sign(VECTOR_A.timestamp, VECTOR_A.nonce, encrypt)).toBe(v.msgSignature);
      expect(crypto.decrypt(encrypt)).toEqual({ message: v.message, receiveId: VECTOR_A.appId });
    }
  });

  it('B: verifies and opens the URL-verification echostr', () => {
    const crypto = new MessageCrypto(VECTOR_B.token, VECTOR_B.encodingAESKey);
    expect(crypto.verify(VECTOR_B.msgSignature, VECTOR_B.timestamp, VECTOR_B.nonce, VECTOR_B.encrypt)).toBe(true);
    expect(crypto.decrypt(VECTOR_B.encrypt)).toEqual({ message: VECTOR_B.message, receiveId: VECTOR_B.receiveId });
  });

  it('C / D: verifies and opens the Python and C++ samples, newlines kept', () => {
    const c = new MessageCrypto(VECTOR_C.token, VECTOR_C.encodingAESKey);
    expect(c.verify(VECTOR_C.msgSignature, VECTOR_C.timestamp, VECTOR_C.nonce, VECTOR_C.encrypt)).toBe(true);
    expect(c.decrypt(VECTOR_C.encrypt)).toEqual({ message: VECTOR_C.message, receiveId: VECTOR_C.appId });

    const d = new MessageCrypto(VECTOR_D.token, VECTOR_D.encodingAESKey);
    expect(d.verify(VECTOR_D.msgSignature, VECTOR_D.timestamp, VECTOR_D.nonce, VECTOR_D.encrypt)).toBe(true);
    const opened = d.decrypt(VECTOR_D.encrypt);
    expect(opened.receiveId).toBe(VECTOR_D.appId);
    expect(opened.message).toContain(`<CreateTime>${VECTOR_D.createTime}</CreateTime>`);
    expect(opened.message).toContain(`<MsgId>${VECTOR_D.msgId}</MsgId>`);
  });

  it('E: checks both signatures of the third-party push and reproduces both halves', () => {
    const crypto = new MessageCrypto(VECTOR_E.token, VECTOR_E.encodingAESKey);
    const encrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(VECTOR_E.body)![1]!;
    const { timestamp, nonce } = VECTOR_E.query;
    expect(crypto.signQuery(timestamp, nonce)).toBe(VECTOR_E.query.signature);
    expect(crypto.verify(VECTOR_E.query.msg_signature, timestamp, nonce, encrypt)).toBe(true);
    expect(crypto.decrypt(encrypt)).toEqual({ message: VECTOR_E.message, receiveId: VECTOR_E.componentAppId });
    expect(crypto.encrypt(VECTOR_E.message, VECTOR_E.componentAppId, ascii(VECTOR_E.random))).toBe(encrypt);

    const reply = VECTOR_E.reply;
    const replyEncrypt = crypto.encrypt(reply.message, VECTOR_E.componentAppId, ascii(reply.random));
    expect(replyEncrypt).toBe(reply.encrypt);
    expect(crypto.sign(reply.timestamp, reply.nonce, replyEncrypt)).toBe(reply.msgSignature);
  });

  it('W: renders the encrypted reply envelope byte for byte', () => {
    const crypto = new MessageCrypto(VECTOR_W.token, VECTOR_W.encodingAESKey);
    const xml = crypto.encryptReply(VECTOR_W.message, VECTOR_W.receiveId, VECTOR_W.timestamp, VECTOR_W.nonce, ascii(VECTOR_W.random));
    expect(xml).toBe(
      `<xml>\n<Encrypt><![CDATA[${VECTOR_W.encrypt}]]></Encrypt>\n` +
        `<MsgSignature><![CDATA[${VECTOR_W.msgSignature}]]></MsgSignature>\n` +
        `<TimeStamp>${VECTOR_W.timestamp}</TimeStamp>\n<Nonce><![CDATA[${VECTOR_W.nonce}]]></Nonce>\n</xml>`,
    );
  });
});

describe('MessageCrypto refuses malformed input', () => {
  const crypto = new MessageCrypto(VECTOR_A.token, VECTOR_A.encodingAESKey);
  const failure = (encrypt: string) => {
    try {
      crypto.decrypt(encrypt);
      return 'opened';
    } catch (error) {
      return error instanceof MessageDecryptError ? error.failure : 'other';
    }
  };

  it('rejects a bad signature in constant time', () => {
    expect(crypto.verify('0'.repeat(40), VECTOR_A.timestamp, VECTOR_A.nonce, VECTOR_A.a1.encrypt)).toBe(false);
    expect(crypto.verify('short', VECTOR_A.timestamp, VECTOR_A.nonce, VECTOR_A.a1.encrypt)).toBe(false);
  });

  it('rejects broken base64, truncated blocks and bad padding', () => {
    expect(failure('not base64 at all!')).toBe('base64');
    expect(failure('')).toBe('base64');
    expect(failure(Buffer.alloc(20).toString('base64'))).toBe('length');
    // A ciphertext produced with another key decrypts to garbage whose padding is (almost always) invalid.
    const foreign = new MessageCrypto('x', 'A'.repeat(43)).encrypt('<xml/>', 'wx0');
    expect(['padding', 'frame']).toContain(failure(foreign));
  });

  it('rejects a frame whose declared length overruns the plaintext', () => {
    const key = Buffer.from(`${VECTOR_A.encodingAESKey}=`, 'base64');
    const plain = Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 0xff, 0xff]), Buffer.from('<xml/>wx0')]);
    const padded = Buffer.concat([plain, Buffer.alloc(32 - (plain.length % 32), 32 - (plain.length % 32))]);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    expect(failure(Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64'))).toBe('frame');
  });

  it('prefixes every ciphertext with 16 random bytes of its own, across refills of the pool they come from', () => {
    const crypto = new MessageCrypto(VECTOR_A.token, VECTOR_A.encodingAESKey);
    const key = Buffer.from(`${VECTOR_A.encodingAESKey}=`, 'base64');
    const prefixOf = (encrypt: string) =>
      createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false).update(Buffer.from(encrypt, 'base64')).subarray(0, 16).toString('hex');
    const prefixes = new Set<string>();
    // The pool holds 256 prefixes: 1000 replies cross several refills (and a reply of any length stays intact).
    for (let i = 0; i < 1000; i++) {
      const message = `<xml><Content><![CDATA[${'中'.repeat(i % 40)}]]></Content></xml>`;
      const encrypt = crypto.encrypt(message, 'wx0123456789abcdef');
      expect(crypto.decrypt(encrypt)).toEqual({ message, receiveId: 'wx0123456789abcdef' });
      prefixes.add(prefixOf(encrypt));
    }
    expect(prefixes.size).toBe(1000);
  });

  it('opens a signed ciphertext without the base64 check, and still refuses malformed ones', () => {
    const crypto = new MessageCrypto(VECTOR_S.token, VECTOR_S.encodingAESKey);
    expect(crypto.decryptSigned(VECTOR_S.encrypt)).toEqual(crypto.decrypt(VECTOR_S.encrypt));
    const failureOf = (encrypt: string) => {
      try {
        crypto.decryptSigned(encrypt);
      } catch (error) {
        return (error as MessageDecryptError).failure;
      }
      return 'opened';
    };
    expect(failureOf('not*base64*at*all')).toBe('length');
    expect(failureOf('')).toBe('length');
  });

  it('requires a 43-character EncodingAESKey', () => {
    expect(() => new MessageCrypto('t', 'short')).toThrow(/43 characters/);
  });
});
