import { randomBytes } from 'node:crypto';
import { MessageCrypto } from '../../libs/wechat-component/src/crypto/message-crypto.js';

/** Credentials a test platform is configured with. */
export interface PushCredentials {
  readonly componentAppId: string;
  readonly token: string;
  readonly encodingAESKey: string;
}

/**
 * Builds a signed, encrypted push exactly as WeChat sends it to the authorization event URL, signed now or at
 * `signedAt` (epoch seconds).
 */
export function signedEventPush(
  credentials: PushCredentials,
  plainXml: string,
  receiveId = credentials.componentAppId,
  signedAt = Math.floor(Date.now() / 1000),
) {
  const crypto = new MessageCrypto(credentials.token, credentials.encodingAESKey);
  const timestamp = String(signedAt);
  const nonce = String(randomBytes(4).readUInt32BE(0));
  const encrypt = crypto.encrypt(plainXml, receiveId);
  const query = new URLSearchParams({
    signature: crypto.signQuery(timestamp, nonce),
    timestamp,
    nonce,
    encrypt_type: 'aes',
    msg_signature: crypto.sign(timestamp, nonce, encrypt),
  });
  const body = `<xml><AppId><![CDATA[${credentials.componentAppId}]]></AppId><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  return { query, body, encrypt, timestamp, nonce };
}

/** POSTs an XML body to `url` with `query`; returns status and text. */
export async function postXml(url: string, query: URLSearchParams | string, body: string) {
  const response = await fetch(`${url}?${query.toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

export function ticketXml(componentAppId: string, ticket: string, createTime = Math.floor(Date.now() / 1000)): string {
  return (
    `<xml><AppId><![CDATA[${componentAppId}]]></AppId>\n<CreateTime>${createTime}</CreateTime>\n` +
    `<InfoType><![CDATA[component_verify_ticket]]></InfoType>\n` +
    `<ComponentVerifyTicket><![CDATA[${ticket}]]></ComponentVerifyTicket>\n</xml>`
  );
}
/** An `authorized` / `updateauthorized` push's plaintext as WeChat sends it, with the CreateTime (seconds) given. */
export function authorizationXml(
  componentAppId: string,
  event: { infoType?: 'authorized' | 'updateauthorized'; authorizerAppId: string; authorizationCode: string; createTime: number; preAuthCode?: string },
): string {
  return (
    `<xml><AppId><![CDATA[${componentAppId}]]></AppId>\n<CreateTime>${event.createTime}</CreateTime>\n` +
    `<InfoType><![CDATA[${event.infoType ?? 'authorized'}]]></InfoType>\n<AuthorizerAppid><![CDATA[${event.authorizerAppId}]]></AuthorizerAppid>\n` +
    `<AuthorizationCode><![CDATA[${event.authorizationCode}]]></AuthorizationCode>\n` +
    `<AuthorizationCodeExpiredTime>${event.createTime + 3600}</AuthorizationCodeExpiredTime>\n` +
    `<PreAuthCode><![CDATA[${event.preAuthCode ?? 'preauthcode@@@fault-suite'}]]></PreAuthCode>\n</xml>`
  );
}

/** An `unauthorized` push's plaintext, with the CreateTime (seconds) given. */
export function unauthorizedXml(componentAppId: string, authorizerAppId: string, createTime: number): string {
  return (
    `<xml><AppId><![CDATA[${componentAppId}]]></AppId>\n<CreateTime>${createTime}</CreateTime>\n` +
    `<InfoType><![CDATA[unauthorized]]></InfoType>\n<AuthorizerAppid><![CDATA[${authorizerAppId}]]></AuthorizerAppid>\n</xml>`
  );
}
