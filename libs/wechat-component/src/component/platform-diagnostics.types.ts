import type { ClearQuotaBudgetView } from './clear-quota-budget.js';

/** `openapi/rid/get`: what WeChat recorded of a call, by its `rid` (kept 7 days). */
export interface RidInfo {
  readonly request: {
    /** When the call was made, epoch seconds. */
    readonly invoke_time: number;
    readonly cost_in_ms: number;
    /** The URL called (WeChat shows it without the token). */
    readonly request_url: string;
    readonly request_body: string;
    readonly response_body: string;
    readonly client_ip: string;
  };
}

/** `openapi/quota/get`: today's use of one API by one account. */
export interface ApiQuotaInfo {
  readonly quota: { readonly daily_limit: number; readonly used: number; readonly remain: number };
  /** The per-period limit of the API (when it has one). */
  readonly rate_limit?: { readonly call_count: number; readonly refresh_second: number };
  /** The per-period limit of the API across the platform (calls on behalf of authorizers). */
  readonly component_rate_limit?: { readonly call_count: number; readonly refresh_second: number };
}

/** `wxa/queryquota`: the platform's code-audit quota of the month (shared by its mini programs). */
export interface AuditQuotaInfo {
  readonly rest: number;
  readonly limit: number;
  readonly speedup_rest: number;
  readonly speedup_limit: number;
}

/** What {@link PlatformDiagnostics.getQuotaView} gathers. */
export interface QuotaViewOptions {
  /** The account: an authorizer's AppID; the platform itself when omitted. */
  readonly appId?: string;
  /** APIs to read the daily quota of, e.g. `['/cgi-bin/message/custom/send']`. */
  readonly cgiPaths?: readonly string[];
  /** A mini program of the platform whose token reads the platform's audit quota (`wxa/queryquota`). */
  readonly auditQuotaVia?: string;
}

/** One account's quotas, as far as WeChat and the module can tell. */
export interface QuotaView {
  readonly appId: string;
  /** Daily quota of each API asked for, by path. */
  readonly apis: Readonly<Record<string, ApiQuotaInfo>>;
  /** The platform's audit quota, when `auditQuotaVia` was given. */
  readonly auditQuota?: AuditQuotaInfo;
  /** This month's quota resets (approximate: counted by the module). */
  readonly clearQuota: ClearQuotaBudgetView;
}
