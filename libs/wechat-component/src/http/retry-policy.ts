import { WeChatApiError, WeChatErrorCode } from '../errors/wechat-api.error.js';
import { WeChatHttpError } from '../errors/wechat-component.errors.js';

/** The settings that bound one call: a deadline per attempt and how many retries, how far apart. */
export interface RetryPolicy {
  /** Total deadline of one attempt, in ms. */
  readonly timeoutMs: number;
  /** Retries after a transient failure (idempotent calls only). */
  readonly retries: number;
  /** Base of the exponential backoff, in ms. */
  readonly retryBaseDelayMs: number;
}

/** The longest wait before retry `k` (1-based): `retryBaseDelayMs × 2^(k−1)`. */
export function maxRetryDelayMs(k: number, retryBaseDelayMs: number): number {
  return retryBaseDelayMs * 2 ** (k - 1);
}

/**
 * The longest one call can take, in ms, when every attempt runs to its deadline and every wait is the longest:
 *
 *   callBudgetMs = (retries + 1) × timeoutMs + retryBaseDelayMs × (2^retries − 1)
 *
 * i.e. `retries + 1` attempts of at most `timeoutMs`, plus the waits before retries 1..retries, at most
 * `retryBaseDelayMs × 2^(k−1)` each (a geometric sum). The client also enforces it as the call's overall deadline, so
 * timer slack cannot add up across attempts. Defaults: 3 × 5000 + 200 × 3 = 15,600 ms.
 */
export function callBudgetMs(policy: RetryPolicy): number {
  return (policy.retries + 1) * policy.timeoutMs + policy.retryBaseDelayMs * (2 ** policy.retries - 1);
}

/**
 * The wait before retry `k` (1-based): "equal jitter" — a random point in the upper half of
 * {@link maxRetryDelayMs}, so instances that failed together do not retry together, yet every retry backs off.
 */
export function retryDelayMs(k: number, retryBaseDelayMs: number, random: () => number = Math.random): number {
  const cap = maxRetryDelayMs(k, retryBaseDelayMs);
  return Math.round(cap / 2 + random() * (cap / 2));
}

/**
 * Why `error` is worth another try of an idempotent call — HTTP 5xx, the deadline, a reset or refused connection,
 * errcode -1 — or undefined. Quota errors (45009, 45011) and every other errcode are final.
 */
export function transientReason(error: unknown): string | undefined {
  if (error instanceof WeChatHttpError) return error.transient ? error.reason : undefined;
  if (error instanceof WeChatApiError && error.errcode === WeChatErrorCode.SYSTEM_BUSY) return `errcode ${error.errcode}`;
  return undefined;
}
