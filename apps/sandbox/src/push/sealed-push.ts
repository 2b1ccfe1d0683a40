import { epochSeconds } from '../common/clock.js';
import { credentialShapes } from '../common/ids.js';
import type { MessageCrypto } from '../crypto/message-crypto.js';

/** The URL and body of an encrypted push. */
export interface SealedPush {
  url: string;
  body: string;
}

/**
 * Encrypts `plaintext` with the component's key and signs it, then puts the signatures in the query the way
 * WeChat does: `signature`, `timestamp`, `nonce`, (`openid`), `encrypt_type=aes`, `msg_signature`.
 */
export function sealPush(
  crypto: MessageCrypto,
  clock: () => number,
  target: string,
  plaintext: string,
  envelope: (encrypt: string) => string,
  openid?: string,
): SealedPush {
  const sealed = crypto.seal(plaintext, String(epochSeconds(clock)), credentialShapes.nonce());
  const url = new URL(target);
  url.searchParams.set('signature', sealed.signature);
  url.searchParams.set('timestamp', sealed.timestamp);
  url.searchParams.set('nonce', sealed.nonce);
  if (openid !== undefined) url.searchParams.set('openid', openid);
  url.searchParams.set('encrypt_type', 'aes');
  url.searchParams.set('msg_signature', sealed.msgSignature);
  return { url: url.toString(), body: envelope(sealed.encrypt) };
}
