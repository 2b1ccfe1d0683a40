import { WeChatApiError, WeChatErrorCode } from '../errors/wechat-api.error.js';
import { WeChatHttpError } from '../errors/wechat-component.errors.js';

/** The longest wait before retry `k` (1-based): `retryBaseDelayMs × 2^(k−1)`. */
export function maxRetryDelayMs(k: number, retryBaseDelayMs: number): number {
  return retryBaseDelayMs * 2 ** (k - 1);
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
