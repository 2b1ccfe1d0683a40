import type { TokenRecord } from './token-record.js';

/**
 * The one due rule: when the scheduled refresh renews a token (the component's or an authorizer's): `aheadMs` before it expires, moved earlier by a jitter of
 * up to `spreadMs` — but never while more than half of its lifetime is left. The jitter is a hash of the appid and
 * the time the token was obtained, so every instance computes the same due time without storing it, and tokens
 * obtained in one burst (a cold start, a migration) are renewed at different times and stay spread out afterwards.
 */
export class RefreshTiming {
  constructor(
    private readonly aheadMs: number,
    private readonly spreadMs: number,
  ) {}

  /** Epoch ms at which `record` (the token of `appId`: an authorizer's, or the component's own AppID) is due. */
  dueAt(appId: string, record: TokenRecord): number {
    const lifetime = record.expiresAt - record.obtainedAt;
    const latest = record.expiresAt - Math.min(this.aheadMs, lifetime / 2);
    const earliest = record.obtainedAt + lifetime / 2;
    const jitter = (hash32(`${appId}:${record.obtainedAt}`) / 0x1_0000_0000) * this.spreadMs;
    return Math.round(Math.max(earliest, latest - jitter));
  }

  isDue(appId: string, record: TokenRecord, now: number): boolean {
    return now >= this.dueAt(appId, record);
  }
}

/** FNV-1a, 32 bits: cheap, stable across processes, well spread for appids. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
