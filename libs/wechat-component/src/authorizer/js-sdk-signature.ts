import { createHash, randomBytes } from 'node:crypto';

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

/** A random nonce for JS-SDK signatures (16 URL-safe characters). */
export function jsSdkNonce(): string {
  return randomBytes(12).toString('base64url').slice(0, 16);
}

/** The page URL as signed: everything before `#`. */
export function signedUrl(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/**
 * The JS-SDK signature of `wx.config` (JS-SDK 附录1): SHA-1 of
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (keys in ASCII order, the URL without its fragment).
 */
export function jsapiSignature(nonceStr: string, ticket: string, timestamp: number | string, url: string): string {
  return sha1(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${signedUrl(url)}`);
}

/** The card signature (卡券签名): SHA-1 of the values, sorted as strings and concatenated. */
export function cardSignature(values: ReadonlyArray<string | number>): string {
  return sha1(values.map(String).sort().join(''));
}
