import { describe, expect, it } from 'vitest';
import { WeChatApiError } from '../errors/wechat-api.error.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { MemoryStoreBackend } from '../store/memory-store-backend.js';
import { ClearQuotaBudget, monthOf } from './clear-quota-budget.js';

const options = { keyPrefix: 'wxc', componentAppId: 'wx0000000000000001' } as ResolvedOptions;
const ok = () => Promise.resolve({ errcode: 0, errmsg: 'ok' });

describe('ClearQuotaBudget', () => {
  it('counts concurrent resets exactly (compare-and-set, re-read on conflict) and only successful ones', async () => {
    const backend = new MemoryStoreBackend();
    const [a, b] = [new ClearQuotaBudget(backend, options), new ClearQuotaBudget(backend, options)];
    await Promise.all([a.track('wxa', ok), b.track('wxa', ok), a.track('wxa', ok), b.track('wxa', ok)]);
    await expect(a.track('wxa', () => Promise.reject(new WeChatApiError(-1, 'system error', '/cgi-bin/clear_quota')))).rejects.toThrow();
    expect(await b.read('wxa')).toMatchObject({ used: 4, remaining: 6, limit: 10, approximate: true });
    expect((await a.read('wxb')).used).toBe(0);
  });

  it('a 48006 answer means the month is spent, whatever was counted', async () => {
    const budget = new ClearQuotaBudget(new MemoryStoreBackend(), options);
    await budget.track('wxa', ok);
    await expect(budget.track('wxa', () => Promise.reject(new WeChatApiError(48006, 'forbid to clear quota', '/cgi-bin/clear_quota')))).rejects.toThrow();
    expect(await budget.read('wxa')).toMatchObject({ used: 10, remaining: 0 });
  });

  it('months turn in China time', () => {
    expect(monthOf(Date.UTC(2026, 3, 30, 15, 59))).toBe('2026-04');
    expect(monthOf(Date.UTC(2026, 3, 30, 16, 0))).toBe('2026-05');
  });
});
