import { describe, expect, it } from 'vitest';
import { WeChatApiError } from '../errors/wechat-api.error.js';
import { WeChatHttpError } from '../errors/wechat-component.errors.js';
import { callBudgetMs } from '../options/derive-timings.js';
import { maxRetryDelayMs, retryDelayMs, transientReason } from './retry-policy.js';

describe('the bound of one call', () => {
  it('is (retries + 1) × timeoutMs + retryBaseDelayMs × (2^retries − 1)', () => {
    expect(callBudgetMs({ timeoutMs: 5000, retries: 2, retryBaseDelayMs: 200 })).toBe(15_600);
    expect(callBudgetMs({ timeoutMs: 5000, retries: 0, retryBaseDelayMs: 200 })).toBe(5000);
    expect(callBudgetMs({ timeoutMs: 1000, retries: 5, retryBaseDelayMs: 100 })).toBe(6 * 1000 + 100 * 31);
  });

  it('covers every attempt at its deadline plus the longest wait before each retry', () => {
    for (const policy of [
      { timeoutMs: 100, retries: 0, retryBaseDelayMs: 1 },
      { timeoutMs: 5000, retries: 2, retryBaseDelayMs: 200 },
      { timeoutMs: 120_000, retries: 5, retryBaseDelayMs: 10_000 },
    ]) {
      let worst = policy.timeoutMs;
      for (let k = 1; k <= policy.retries; k++) worst += retryDelayMs(k, policy.retryBaseDelayMs, () => 1) + policy.timeoutMs;
      expect(callBudgetMs(policy)).toBe(worst);
    }
  });

  it('waits a jittered, growing time before each retry: between half of and all of base × 2^(k−1)', () => {
    expect([1, 2, 3].map((k) => maxRetryDelayMs(k, 200))).toEqual([200, 400, 800]);
    expect([1, 2, 3].map((k) => retryDelayMs(k, 200, () => 0))).toEqual([100, 200, 400]);
    expect([1, 2, 3].map((k) => retryDelayMs(k, 200, () => 1))).toEqual([200, 400, 800]);
    expect(retryDelayMs(2, 200, () => 0.5)).toBe(300);
  });

  it('retries only transient failures: 5xx, deadline, reset, refused, errcode -1 — never quota or other errcodes', () => {
    const http = (reason: ConstructorParameters<typeof WeChatHttpError>[1], transient: boolean) =>
      new WeChatHttpError('/p', reason, { transient, ...(reason.startsWith('http') ? { status: Number(reason.slice(5)) } : {}) });
    expect(transientReason(http('http 502', true))).toBe('http 502');
    expect(transientReason(http('deadline', true))).toBe('deadline');
    expect(transientReason(http('reset', true))).toBe('reset');
    expect(transientReason(http('http 404', false))).toBeUndefined();
    expect(transientReason(http('not json', false))).toBeUndefined();
    expect(transientReason(new WeChatApiError(-1, 'system error', '/p'))).toBe('errcode -1');
    expect(transientReason(new WeChatApiError(45009, 'reach max api daily quota limit', '/p'))).toBeUndefined();
    expect(transientReason(new WeChatApiError(45011, 'api minute-quota reach limit', '/p'))).toBeUndefined();
    expect(transientReason(new WeChatApiError(40001, 'invalid credential', '/p'))).toBeUndefined();
    expect(transientReason(new Error('boom'))).toBeUndefined();
  });
});
