import type { SealedMessage } from './message-crypto.js';
import { cdata } from '../xml/build.js';

/** The envelope WeChat posts to the authorization event URL (§2.1): `AppId` = the component appid. */
export function eventEnvelope(componentAppId: string, encrypt: string): string {
  return `<xml><AppId>${cdata(componentAppId)}</AppId><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
}

/** The envelope WeChat posts to the message URL (§3.1): `ToUserName` = the account's `gh_…` id. */
export function messageEnvelope(userName: string, encrypt: string): string {
  return `<xml><ToUserName>${cdata(userName)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
}

/** The encrypted passive-reply envelope (§4.5), byte for byte. */
export function replyEnvelope(sealed: SealedMessage): string {
  return (
    '<xml>\n' +
    `<Encrypt>${cdata(sealed.encrypt)}</Encrypt>\n` +
    `<MsgSignature>${cdata(sealed.msgSignature)}</MsgSignature>\n` +
    `<TimeStamp>${sealed.timestamp}</TimeStamp>\n` +
    `<Nonce>${cdata(sealed.nonce)}</Nonce>\n` +
    '</xml>'
  );
}
