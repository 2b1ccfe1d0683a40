/** The outcome of redeeming a code. */
export type Redemption<T> =
  | { status: 'ok'; data: T }
  | { status: 'used'; data: T }
  | { status: 'expired'; data: T }
  | { status: 'unknown' };

interface Entry<T> {
  data: T;
  expiresAt: number;
  used: boolean;
}

/**
 * Single-use codes with a lifetime (pre-auth codes, authorization codes, OAuth codes, js_codes). Used and expired
 * codes are remembered for `retainMs` after expiry so a replay answers "used"/"expired" rather than "unknown";
 * pruning walks from the oldest entry, so each operation is amortized O(1) and memory stays bounded.
 */
export class ExpiringCodes<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly clock: () => number,
    private readonly retainMs = 3_600_000,
    private readonly maxEntries = 200_000,
  ) {}

  issue(code: string, data: T, ttlSeconds: number): { code: string; expiresAt: number } {
    this.prune();
    const expiresAt = this.clock() + ttlSeconds * 1000;
    this.entries.set(code, { data, expiresAt, used: false });
    return { code, expiresAt };
  }

  /** Looks at a code without using it. */
  peek(code: string): Redemption<T> {
    const entry = this.entries.get(code);
    if (!entry) return { status: 'unknown' };
    if (entry.used) return { status: 'used', data: entry.data };
    if (entry.expiresAt <= this.clock()) return { status: 'expired', data: entry.data };
    return { status: 'ok', data: entry.data };
  }

  /** Uses a code: the first successful redemption marks it used. */
  redeem(code: string): Redemption<T> {
    const result = this.peek(code);
    if (result.status === 'ok') this.entries.get(code)!.used = true;
    return result;
  }

  /** Makes a code unusable (as if expired) without removing it. */
  expire(code: string): void {
    const entry = this.entries.get(code);
    if (entry) entry.expiresAt = Math.min(entry.expiresAt, this.clock());
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const horizon = this.clock() - this.retainMs;
    for (const [code, entry] of this.entries) {
      if (entry.expiresAt > horizon && this.entries.size < this.maxEntries) break;
      this.entries.delete(code);
    }
  }
}
