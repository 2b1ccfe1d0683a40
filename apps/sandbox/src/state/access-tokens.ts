import { credentialShapes, looksLikeAccessToken } from '../common/ids.js';

/** Who an access token belongs to. */
export type TokenKind = 'component' | 'authorizer';

/** One issued access token. */
export interface AccessTokenRecord {
  readonly token: string;
  readonly kind: TokenKind;
  /** The component appid (component tokens) or the authorizer's appid. */
  readonly owner: string;
  readonly issuedAt: number;
  expiresAt: number;
}

/** The result of checking a presented token: the record, or WeChat's errcode. */
export type TokenCheck = { ok: true; record: AccessTokenRecord } | { ok: false; errcode: 40001 | 40014 | 42001 };

interface Slot {
  current: AccessTokenRecord;
  previous?: AccessTokenRecord;
  issued: number;
}

const GENERATION: Record<TokenKind, number> = { component: 83, authorizer: 84 };

/**
 * Access tokens of the component and of every authorizer. Each owner has a current token and at most one
 * replaced token still inside its grace period, so memory is bounded by two tokens per owner; all O(1).
 */
export class AccessTokens {
  private readonly byToken = new Map<string, AccessTokenRecord>();
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly clock: () => number,
    private readonly graceSeconds: () => number,
  ) {}

  /** Issues a new token; the previous one keeps working for the grace period (or until it expires). */
  issue(kind: TokenKind, owner: string, ttlSeconds: number): AccessTokenRecord {
    const now = this.clock();
    const record: AccessTokenRecord = {
      token: credentialShapes.accessToken(GENERATION[kind]),
      kind,
      owner,
      issuedAt: now,
      expiresAt: now + ttlSeconds * 1000,
    };
    const slot = this.slots.get(owner);
    if (slot) {
      if (slot.previous) this.byToken.delete(slot.previous.token);
      slot.previous = slot.current;
      slot.previous.expiresAt = Math.min(slot.previous.expiresAt, now + this.graceSeconds() * 1000);
      slot.current = record;
      slot.issued++;
    } else {
      this.slots.set(owner, { current: record, issued: 1 });
    }
    this.byToken.set(record.token, record);
    return record;
  }

  /** Checks a presented token: malformed → 40014, unknown → 40001, expired → 42001. */
  check(token: string): TokenCheck {
    if (!looksLikeAccessToken(token)) return { ok: false, errcode: 40014 };
    const record = this.byToken.get(token);
    if (!record) return { ok: false, errcode: 40001 };
    if (record.expiresAt <= this.clock()) return { ok: false, errcode: 42001 };
    return { ok: true, record };
  }

  /** The record of a token, valid or not (for attributing calls). */
  peek(token: string): AccessTokenRecord | undefined {
    return this.byToken.get(token);
  }

  /** The owner's newest token, if any. */
  current(owner: string): AccessTokenRecord | undefined {
    return this.slots.get(owner)?.current;
  }

  /** How many tokens were ever issued to the owner. */
  issuedCount(owner: string): number {
    return this.slots.get(owner)?.issued ?? 0;
  }

  /** Issue counts of every owner of the kind. */
  *issueCounts(kind: TokenKind): IterableIterator<[owner: string, issued: number]> {
    for (const [owner, slot] of this.slots) if (slot.current.kind === kind) yield [owner, slot.issued];
  }

  /** Makes the owner's tokens expire now (later use → 42001). Returns false when it has none. */
  expire(owner: string): boolean {
    const slot = this.slots.get(owner);
    if (!slot) return false;
    const now = this.clock();
    for (const record of [slot.current, slot.previous]) if (record) record.expiresAt = Math.min(record.expiresAt, now);
    return true;
  }

  /** Forgets the owner's tokens (later use → 40001). The issue count is kept. Returns false when it has none. */
  invalidate(owner: string): boolean {
    const slot = this.slots.get(owner);
    if (!slot) return false;
    this.byToken.delete(slot.current.token);
    if (slot.previous) this.byToken.delete(slot.previous.token);
    delete slot.previous;
    slot.current = { ...slot.current, expiresAt: 0 };
    return true;
  }
}
