import { describe, expect, it } from 'vitest';
import { MessageCrypto } from '../crypto/message-crypto.js';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { PushDecoder } from './push-decoder.js';

const APP_ID = 'wx0123456789abcdef';
const crypto = new MessageCrypto('testtoken', 'A'.repeat(43));
const NOW_SECONDS = 1_800_000_000;
const WINDOW_MS = 300_000;
const TICKET = `<xml><AppId><![CDATA[${APP_ID}]]></AppId><InfoType><![CDATA[component_verify_ticket]]></InfoType></xml>`;

/** A decoder whose clock reads `NOW_SECONDS` plus however far a test moved it. */
function decoderAt(nowMs: () => number = () => NOW_SECONDS * 1000): PushDecoder {
  return new PushDecoder(crypto, APP_ID, WINDOW_MS, nowMs);
}

function pushSignedAt(timestamp: string, nonce = '42') {
  const encrypt = crypto.encrypt(TICKET, APP_ID);
  return {
    body: `<xml><AppId><![CDATA[${APP_ID}]]></AppId><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
    query: { timestamp, nonce, msg_signature: crypto.sign(timestamp, nonce, encrypt) },
  };
}

function refusal(decoder: PushDecoder, push: ReturnType<typeof pushSignedAt>): InvalidPushError | undefined {
  try {
    decoder.decode(push.body, push.query);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPushError);
    return error as InvalidPushError;
  }
}

describe('PushDecoder: the freshness window', () => {
  it('opens pushes signed up to the window away from now, either way', () => {
    const decoder = decoderAt();
    for (const offset of [0, -300, 300, -1, 1]) {
      expect(refusal(decoder, pushSignedAt(String(NOW_SECONDS + offset)))).toBeUndefined();
    }
  });

  it('refuses with 403 a push signed longer ago than the window (a replay), or in the future', () => {
    const decoder = decoderAt();
    const old = refusal(decoder, pushSignedAt(String(NOW_SECONDS - 3600)));
    expect([old?.status, old?.reason]).toEqual([403, 'stale push: signed 3600 s ago, outside the 300 s freshness window']);
    const future = refusal(decoder, pushSignedAt(String(NOW_SECONDS + 301)));
    expect([future?.status, future?.reason]).toEqual([403, 'stale push: signed 301 s in the future, outside the 300 s freshness window']);
    expect(refusal(decoder, pushSignedAt(String(NOW_SECONDS - 301)))?.status).toBe(403);
  });

  it('refuses the same push once the clock has moved past the window', () => {
    let now = NOW_SECONDS * 1000;
    const decoder = decoderAt(() => now);
    const push = pushSignedAt(String(NOW_SECONDS));
    expect(refusal(decoder, push)).toBeUndefined();
    now += WINDOW_MS;
    expect(refusal(decoder, push)).toBeUndefined();
    now += 1000;
    expect(refusal(decoder, push)?.status).toBe(403);
  });

  it('checks the signature first: a forged push is a 401 whatever its timestamp', () => {
    const push = pushSignedAt(String(NOW_SECONDS - 3600));
    expect(refusal(decoderAt(), { ...push, query: { ...push.query, msg_signature: '0'.repeat(40) } })?.status).toBe(401);
  });

  it('refuses a signed timestamp that is not a number of seconds with 400', () => {
    for (const timestamp of ['17e8', ' 1800000000', '1800000000.5', '-1800000000', '0x6B49D200', '1'.repeat(13)]) {
      expect(refusal(decoderAt(), pushSignedAt(timestamp))?.reason).toBe('timestamp is not a number of seconds');
    }
  });
});
