import { describe, expect, it } from 'vitest';
import { deriveTimings, LEASE_SAFETY_MARGIN_MS, TOKEN_CALLS_UNDER_LEASE } from './derive-timings.js';
import { resolveOptions } from './resolve-options.js';

const required = {
  componentAppId: 'wx0123456789abcdef',
  componentAppSecret: 'secret',
  token: 'token',
  encodingAESKey: 'a'.repeat(43),
};

describe('deriveTimings', () => {
  it('keeps a refresh claim within 5 s … 2 min, a third of the ahead window', () => {
    const claim = (refreshAheadMs: number) =>
      deriveTimings({ httpTimeoutMs: 1000, httpCallBudgetMs: 3600, pushMaxAgeMs: 300_000, dedupeTtlMs: 300_000, replyBudgetMs: 4_000, refreshAheadMs }).refreshClaimMs;
    expect(claim(900_000)).toBe(120_000);
    expect(claim(60_000)).toBe(20_000);
    expect(claim(3_000)).toBe(5_000);
  });

  it('bounds the work under a token lease below the lease, by the calls it may make', () => {
    const t = deriveTimings({ httpTimeoutMs: 1000, httpCallBudgetMs: 3600, pushMaxAgeMs: 300_000, dedupeTtlMs: 300_000, replyBudgetMs: 4_000, refreshAheadMs: 900_000 });
    expect(t.tokenWorkMs).toBe(TOKEN_CALLS_UNDER_LEASE * 1000 + 3600);
    expect(t.tokenLeaseMs).toBe(t.tokenWorkMs + LEASE_SAFETY_MARGIN_MS);
    expect(t.tokenWorkMs).toBeLessThan(t.tokenLeaseMs);
    expect(t.tokenWaitMs).toBeGreaterThanOrEqual(t.tokenWorkMs);
  });

  it('remembers handled pushes past twice the freshness window, or the dedupe time when longer', () => {
    expect(deriveTimings({ httpTimeoutMs: 1, httpCallBudgetMs: 1, pushMaxAgeMs: 300_000, dedupeTtlMs: 300_000, replyBudgetMs: 4_000, refreshAheadMs: 900_000 }).pushMemoryMs).toBe(660_000);
    expect(deriveTimings({ httpTimeoutMs: 1, httpCallBudgetMs: 1, pushMaxAgeMs: 60_000, dedupeTtlMs: 3_600_000, replyBudgetMs: 4_000, refreshAheadMs: 900_000 }).pushMemoryMs).toBe(3_600_000);
  });

  it('is computed by option resolution from the HTTP options', () => {
    const resolved = resolveOptions({ ...required, http: { timeoutMs: 2000, retries: 1, retryBaseDelayMs: 100 } });
    expect(resolved.timings.tokenWorkMs).toBe(TOKEN_CALLS_UNDER_LEASE * 2000 + resolved.http.callBudgetMs);
  });
});
