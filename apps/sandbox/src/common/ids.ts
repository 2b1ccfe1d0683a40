import { createHash, randomBytes } from 'node:crypto';

/** URL-safe random characters, `length` of them. */
export function randomUrlSafe(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4) + 1)
    .toString('base64url')
    .slice(0, length);
}

/** Lower-case random hex, `length` characters. */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

/** Random decimal digits, `length` of them, never starting with 0. */
export function randomDigits(length: number): string {
  let out = String(1 + (randomBytes(1)[0]! % 9));
  while (out.length < length) out += String(randomBytes(1)[0]! % 10);
  return out;
}

/** Deterministic hex derived from the given parts (for stable seeded identities). */
export function derivedHex(length: number, ...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, length);
}

/** Deterministic URL-safe characters derived from the given parts. */
export function derivedUrlSafe(length: number, ...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, length);
}

/** A new appid shaped like WeChat's: `wx` + 16 hex. */
export const newAppId = (): string => `wx${randomHex(16)}`;

/** A new original id shaped like WeChat's: `gh_` + 12 hex. */
export const newUserName = (): string => `gh_${randomHex(12)}`;

/** An openid for `userKey` as seen by the account `appId` (28 characters, starting with `o`). */
export const openIdFor = (appId: string, userKey: string): string => `o${derivedUrlSafe(27, 'openid', appId, userKey)}`;

/** A unionid for `userKey` under the open-platform account `componentAppId`. */
export const unionIdFor = (componentAppId: string, userKey: string): string =>
  `o${derivedUrlSafe(27, 'unionid', componentAppId, userKey)}`;

/** The `rid` WeChat appends to error messages: `xxxxxxxx-xxxxxxxx-xxxxxxxx`, the first part the time in hex. */
export function newRid(nowMs: number): string {
  return `${Math.floor(nowMs / 1000).toString(16).padStart(8, '0')}-${randomHex(8)}-${randomHex(8)}`;
}

/** Opaque credential strings shaped like the real ones (§0 of the reference). */
export const credentialShapes = {
  ticket: (): string => `ticket@@@${randomUrlSafe(86)}`,
  preAuthCode: (): string => `preauthcode@@@${randomUrlSafe(64)}`,
  authorizationCode: (): string => `queryauthcode@@@${randomUrlSafe(86)}`,
  refreshToken: (): string => `refreshtoken@@@${randomUrlSafe(43)}`,
  /** Access tokens look like `84_` followed by base64-ish characters. */
  accessToken: (generation: number): string => `${generation}_${randomUrlSafe(64)}`,
  oauthCode: (): string => randomUrlSafe(32),
  jsCode: (): string => randomUrlSafe(32),
  sessionKey: (): string => randomBytes(16).toString('base64'),
  msgId: (): string => randomDigits(19),
  nonce: (): string => randomDigits(9),
};

/** Whether a string has the shape of an access token we issue (`<digits>_<urlsafe>`); others answer 40014. */
export function looksLikeAccessToken(token: string): boolean {
  return /^\d{1,4}_[A-Za-z0-9_-]{16,256}$/.test(token);
}
