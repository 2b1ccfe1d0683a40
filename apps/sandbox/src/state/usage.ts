/** Daily call limits per account and path, as `openapi/quota/get` reports them. Paths not listed are unlimited. */
export const DAILY_LIMITS: Readonly<Record<string, number>> = {
  '/cgi-bin/component/api_component_token': 10_000,
  '/cgi-bin/component/api_create_preauthcode': 100_000,
  '/cgi-bin/component/api_query_auth': 100_000,
  '/cgi-bin/component/api_authorizer_token': 2_000,
  '/cgi-bin/component/api_get_authorizer_info': 100_000,
  '/cgi-bin/component/api_get_authorizer_list': 100_000,
  '/cgi-bin/menu/create': 1_000,
  '/cgi-bin/menu/get': 10_000,
  '/cgi-bin/menu/delete': 1_000,
  '/cgi-bin/message/custom/send': 500_000,
  '/sns/component/jscode2session': 100_000,
};

/** Quota resets allowed per account per month (`clear_quota`, shared by its variants). */
export const CLEARS_PER_MONTH = 10;

interface PathUsage {
  total: number;
  day: number;
  used: number;
}

/** `openapi/quota/get`'s `quota` object. */
export interface QuotaView {
  daily_limit: number;
  used: number;
  remain: number;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * Call counters per path, per account and path (lifetime), and daily quota use for limited paths, by the appid
 * the call is charged to. O(1) per call.
 */
export class UsageCounters {
  private readonly perPath = new Map<string, number>();
  /**
   * Per owner, a plain object keyed by path: owners that call the same paths share one hidden class, so each
   * costs a few dozen bytes rather than a Map (this matters at 100k accounts).
   */
  private readonly perOwner = new Map<string, Record<string, PathUsage>>();
  private readonly clears = new Map<string, { month: number; count: number }>();

  constructor(private readonly clock: () => number) {}

  /** Whether the owner may still call the path today (false → 45009). */
  allows(owner: string, path: string): boolean {
    const limit = DAILY_LIMITS[path];
    if (limit === undefined) return true;
    const usage = this.perOwner.get(owner)?.[path];
    return !usage || usage.day !== this.day() || usage.used < limit;
  }

  /** Counts a call against the owner's lifetime counters and daily quota. */
  count(owner: string, path: string): void {
    this.perPath.set(path, (this.perPath.get(path) ?? 0) + 1);
    let paths = this.perOwner.get(owner);
    if (!paths) this.perOwner.set(owner, (paths = {}));
    const today = this.day();
    let usage = paths[path];
    if (!usage) paths[path] = usage = { total: 0, day: today, used: 0 };
    if (usage.day !== today) {
      usage.day = today;
      usage.used = 0;
    }
    usage.total++;
    usage.used++;
  }

  /** The quota of a path for an owner, or undefined for a path without a limit. */
  quota(owner: string, path: string): QuotaView | undefined {
    const limit = DAILY_LIMITS[path];
    if (limit === undefined) return undefined;
    const usage = this.perOwner.get(owner)?.[path];
    const used = usage && usage.day === this.day() ? usage.used : 0;
    return { daily_limit: limit, used, remain: Math.max(0, limit - used) };
  }

  /** Resets the owner's daily use; false when this month's resets are used up (48006). */
  clear(owner: string): boolean {
    const month = this.month();
    const record = this.clears.get(owner);
    const count = record && record.month === month ? record.count : 0;
    if (count >= CLEARS_PER_MONTH) return false;
    this.clears.set(owner, { month, count: count + 1 });
    for (const usage of Object.values(this.perOwner.get(owner) ?? {})) usage.used = 0;
    return true;
  }

  /** Lifetime calls per path (all owners). */
  byPath(): Record<string, number> {
    return Object.fromEntries(this.perPath);
  }

  /** Lifetime calls per path charged to one owner. */
  forOwner(owner: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [path, usage] of Object.entries(this.perOwner.get(owner) ?? {})) out[path] = usage.total;
    return out;
  }

  private day(): number {
    return Math.floor((this.clock() + CHINA_OFFSET_MS) / 86_400_000);
  }

  private month(): number {
    const date = new Date(this.clock() + CHINA_OFFSET_MS);
    return date.getUTCFullYear() * 12 + date.getUTCMonth();
  }
}
