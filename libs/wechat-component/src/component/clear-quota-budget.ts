import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ApiRequester, postAction } from '../apis/common.js';
import { errorMessage } from '../common/error-text.js';
import { isWeChatApiError } from '../errors/wechat-api.error.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import { STORE_BACKEND } from '../store/store-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import type { StoreBackend } from '../store/store-backend.js';
import { CLOCK, type Clock, systemClock } from '../common/clock.js';

/** WeChat allows 10 quota resets (`clear_quota`, `clear_quota/v2` together) per account and month. */
export const CLEAR_QUOTA_LIMIT = 10;
/** `forbid to clear quota because of reaching the limit`. */
const BUDGET_EXHAUSTED = 48006;
// Kept past the month's end (WeChat's month is China's), then the key expires by itself.
const COUNTER_TTL_MS = 40 * 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const MAX_ATTEMPTS = 8;

/** How much of an account's monthly `clear_quota` budget is used, as far as this module knows. */
export interface ClearQuotaBudgetView {
  readonly appId: string;
  /** The month counted, China time: `YYYY-MM`. */
  readonly month: string;
  /** Resets made through this module this month (or the limit, once WeChat answered 48006). */
  readonly used: number;
  readonly limit: number;
  readonly remaining: number;
  /**
   * Always true: WeChat offers no call to read the budget, so this counts the resets made through this module
   * (every instance sharing the store) — resets made elsewhere (the admin console, another system) are not seen
   * until WeChat refuses one with 48006, which sets the count to the limit.
   */
  readonly approximate: true;
}

/** Counts quota resets around a call: the one place a reset is counted ({@link clearQuotaOf}, `clearQuotaWithSecret`). */
export interface ClearQuotaTracker {
  /** Runs `reset` (a `clear_quota` call for `appId`) and counts it: +1 when it succeeds, the limit on 48006. */
  track<T>(appId: string, reset: () => Promise<T>): Promise<T>;
}

interface Counter {
  readonly count: number;
}

/**
 * The `clear_quota` budget of each account this month, counted in the store under
 * `{prefix}:{componentAppId}:clear-quota:{appId}:{YYYY-MM}`. Each count is a compare-and-set on the value read (a
 * concurrent count is re-read, not lost); a count that fails (store down) is logged and does not fail the reset that
 * WeChat already made.
 */
@Injectable()
export class ClearQuotaBudget implements ClearQuotaTracker {
  private readonly logger = new Logger('ClearQuotaBudget');

  constructor(
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async track<T>(appId: string, reset: () => Promise<T>): Promise<T> {
    let answer: T;
    try {
      answer = await reset();
    } catch (error) {
      if (isWeChatApiError(error, BUDGET_EXHAUSTED)) await this.count(appId, () => CLEAR_QUOTA_LIMIT).catch((error: unknown) => this.warn(appId, error));
      throw error;
    }
    await this.count(appId, (used) => used + 1).catch((error: unknown) => this.warn(appId, error));
    return answer;
  }

  /** The budget used this month by `appId` (an authorizer, or the component). */
  async read(appId: string, now = this.clock.now()): Promise<ClearQuotaBudgetView> {
    const month = monthOf(now);
    const used = Math.min((await this.backend.get<Counter>(this.key(appId, month)))?.count ?? 0, CLEAR_QUOTA_LIMIT);
    return { appId, month, used, limit: CLEAR_QUOTA_LIMIT, remaining: CLEAR_QUOTA_LIMIT - used, approximate: true };
  }

  private async count(appId: string, next: (used: number) => number): Promise<void> {
    const key = this.key(appId, monthOf(this.clock.now()));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.backend.get<Counter>(key);
      const count = Math.max(current?.count ?? 0, Math.min(next(current?.count ?? 0), CLEAR_QUOTA_LIMIT));
      if (current && current.count === count) return;
      const guard = { key, field: 'count', equals: current ? current.count : null };
      if (await this.backend.setIf(key, { count }, guard, COUNTER_TTL_MS)) return;
    }
    throw new Error('the counter kept changing under us');
  }

  private key(appId: string, month: string): string {
    return `${this.options.keyPrefix}:${this.options.componentAppId}:clear-quota:${appId}:${month}`;
  }

  private warn(appId: string, error: unknown): void {
    this.logger.warn(`clear_quota of ${appId}: the reset happened but was not counted (${errorMessage(error)})`);
  }
}

/**
 * `POST cgi-bin/clear_quota`: resets the daily quotas of `requester`'s account with its token — the platform's
 * (`ComponentClient.clearQuota`) or an authorizer's (`client.misc.clearQuota`, `diagnostics.clearQuota(appId)`) —
 * counted in `budget`. 10 a month (48006 after).
 * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/openapi/clearQuota.html
 */
export function clearQuotaOf(requester: ApiRequester, budget: ClearQuotaTracker): Promise<void> {
  return budget.track(requester.appId, () => postAction(requester, '/cgi-bin/clear_quota', { appid: requester.appId }));
}

/** `YYYY-MM` of `now` in China time, where WeChat's months turn. */
export function monthOf(now: number): string {
  const date = new Date(now + CHINA_OFFSET_MS);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
