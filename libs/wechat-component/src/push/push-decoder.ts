import { MessageCrypto, MessageDecryptError } from '../crypto/message-crypto.js';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { extractEncrypt, parseXml, XmlFormatError, type XmlObject } from '../xml/wechat-xml.js';
import { extractJsonEncrypt, isJsonText, JsonPushError, parseJsonMessage } from './json-push.js';

/** The query string WeChat adds to every push. */
export interface PushQuery {
  readonly msg_signature?: unknown;
  readonly timestamp?: unknown;
  readonly nonce?: unknown;
  readonly [name: string]: unknown;
}

/** A verified and decrypted push. */
export interface DecodedPush {
  /** The decrypted message (XML, or JSON when `format` is `json`), as WeChat sent it. */
  readonly xml: string;
  /** The push's format, detected per push: WeChat sends XML, or JSON when the platform chose it. */
  readonly format: 'xml' | 'json';
  /** Its fields. */
  readonly fields: XmlObject;
  readonly timestamp: string;
  readonly nonce: string;
}

// WeChat writes `timestamp` as whole seconds since the epoch; anything longer is not one.
const MAX_TIMESTAMP_DIGITS = 12;

/**
 * Opens pushes to both webhooks: checks `msg_signature` in constant time, then that the signed `timestamp` is within
 * the freshness window, decrypts with the component's key, checks the receive id is the component appid, parses the
 * message. XML or JSON (WeChat's 数据格式 setting) is detected per push, envelope and message alike, with the same
 * checks in the same order; both give the same fields. Every refusal is an {@link InvalidPushError} with a 4xx status and a short reason; nothing is stored before a
 * push is fully verified.
 */
export class PushDecoder {
  /**
   * @param maxAgeMs the freshness window: how far the signed `timestamp` may be from now, either way
   * @param now the clock (epoch ms); tests move it
   */
  constructor(
    private readonly crypto: MessageCrypto,
    private readonly componentAppId: string,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  decode(body: string, query: PushQuery): DecodedPush {
    const { msg_signature: signature, timestamp, nonce } = query;
    if (!isText(signature) || !isText(timestamp) || !isText(nonce)) {
      throw new InvalidPushError(400, 'missing msg_signature, timestamp or nonce in the query string');
    }
    const encrypt = readEncrypt(body);
    if (!this.crypto.verify(signature, timestamp, nonce, encrypt)) {
      throw new InvalidPushError(401, 'msg_signature does not match');
    }
    // Checked once the signature holds, so the timestamp is WeChat's and not the sender's.
    this.refuseStale(timestamp);
    const { message, receiveId } = this.open(encrypt);
    if (receiveId !== this.componentAppId) throw new InvalidPushError(403, 'push is addressed to another appid');
    const format = isJsonText(message) ? 'json' : 'xml';
    return { xml: message, format, fields: parseMessage(message, format), timestamp, nonce };
  }

  /**
   * A captured push replayed later carries its old signed timestamp: refused with 403 (the signature is good, the
   * push is not acceptable any more — unlike 401, which says the signature is wrong), as is one from the future.
   */
  private refuseStale(timestamp: string): void {
    if (timestamp.length > MAX_TIMESTAMP_DIGITS || !isDigits(timestamp)) {
      throw new InvalidPushError(400, 'timestamp is not a number of seconds');
    }
    const skewMs = this.now() - Number(timestamp) * 1000;
    if (Math.abs(skewMs) > this.maxAgeMs) {
      const seconds = Math.round(Math.abs(skewMs) / 1000);
      const when = skewMs > 0 ? `signed ${seconds} s ago` : `signed ${seconds} s in the future`;
      throw new InvalidPushError(403, `stale push: ${when}, outside the ${this.maxAgeMs / 1000} s freshness window`);
    }
  }

  private open(encrypt: string): ReturnType<MessageCrypto['decrypt']> {
    try {
      return this.crypto.decrypt(encrypt);
    } catch (error) {
      if (error instanceof MessageDecryptError) throw new InvalidPushError(400, `cannot decrypt: bad ${error.failure}`);
      throw error;
    }
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 128;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return text.length > 0;
}

function readEncrypt(body: string): string {
  let encrypt: string | undefined;
  if (isJsonText(body)) {
    encrypt = extractJsonEncrypt(body);
    if (!encrypt) throw new InvalidPushError(400, 'body is not a JSON envelope with an Encrypt field');
    return encrypt;
  }
  try {
    encrypt = extractEncrypt(body);
  } catch (error) {
    if (error instanceof XmlFormatError) throw new InvalidPushError(400, error.message);
    throw error;
  }
  if (!encrypt) throw new InvalidPushError(400, 'body is not an XML envelope with an Encrypt element');
  return encrypt;
}

function parseMessage(message: string, format: 'xml' | 'json'): XmlObject {
  try {
    return format === 'json' ? parseJsonMessage(message) : parseXml(message);
  } catch (error) {
    if (error instanceof XmlFormatError || error instanceof JsonPushError) throw new InvalidPushError(400, `decrypted message: ${error.message}`);
    throw error;
  }
}
