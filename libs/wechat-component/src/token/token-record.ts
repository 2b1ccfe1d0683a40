/** An access token as stored: the token and when it stops working. */
export interface TokenRecord {
  readonly token: string;
  /** Epoch ms at which WeChat stops accepting the token. */
  readonly expiresAt: number;
  /** Epoch ms at which it was obtained; with `expiresAt`, gives its lifetime. */
  readonly obtainedAt: number;
}

/** What WeChat hands out: a token and its lifetime in seconds. */
export interface FetchedToken {
  readonly token: string;
  readonly expiresInSeconds: number;
}

const READ_MARGIN_MS = 60_000;

export function toTokenRecord(fetched: FetchedToken, now: number): TokenRecord {
  return { token: fetched.token, obtainedAt: now, expiresAt: now + fetched.expiresInSeconds * 1000 };
}

/**
 * Good to use right now: not within the last tenth of its lifetime (at most the last minute), so a call started
 * now does not race the expiry.
 */
export function isUsable(record: TokenRecord, now: number): boolean {
  const lifetime = record.expiresAt - record.obtainedAt;
  return now < record.expiresAt - Math.min(READ_MARGIN_MS, lifetime / 10);
}

