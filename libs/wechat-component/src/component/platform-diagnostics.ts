import { Injectable } from '@nestjs/common';
import { getFor, postRead, type ApiRequest, type ApiRequester, type Unwrapped } from '../apis/common.js';
import { WeChatApiError } from '../errors/wechat-api.error.js';
import { WeChatComponentError } from '../errors/wechat-component.errors.js';
import { WeChatHttpClient } from '../http/wechat-http.client.js';
import type { QueryParams } from '../http/wechat-request.js';
import { AuthorizerTokens } from '../token/authorizer-tokens.js';
import { ClearQuotaBudget, clearQuotaOf, type ClearQuotaBudgetView } from './clear-quota-budget.js';
import { ComponentClient } from './component-client.js';
import type { ApiQuotaInfo, AuditQuotaInfo, QuotaView, QuotaViewOptions, RidInfo } from './platform-diagnostics.types.js';

/**
 * Diagnosis and quotas, routed to the right token: WeChat explains a failed call (`openapi/rid/get`) and reports
 * quotas (`openapi/quota/get`) only to the account that made the call — the platform (component token) or one
 * authorizer (its token). Every call goes through the module's one request path (refresh, retry once).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
@Injectable()
export class PlatformDiagnostics {
  constructor(
    private readonly component: ComponentClient,
    private readonly http: WeChatHttpClient,
    private readonly authorizerTokens: AuthorizerTokens,
    private readonly budget: ClearQuotaBudget,
  ) {}

  /**
   * `POST cgi-bin/openapi/rid/get`: WeChat's record of a failed call (URL, bodies, time, caller IP), by the `rid` of
   * its `WeChatApiError`, asked with the token of the account the call was made for (`error.appId`; the platform's
   * when the call carried none). Works for 7 days. Errors: 76001 unknown rid, 76002 malformed, 76003 another
   * account's rid.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/openapi/getRidInfo.html
   */
  async explainError(error: WeChatApiError | { readonly rid: string; readonly appId?: string }): Promise<Unwrapped<RidInfo>> {
    const rid = error.rid;
    if (!rid) {
      throw new WeChatComponentError('RID_MISSING', `WeChat gave no rid for this error${error instanceof WeChatApiError ? ` (${error.path} ${error.errcode})` : ''}; nothing to explain.`);
    }
    return postRead(this.requesterFor(error.appId), '/cgi-bin/openapi/rid/get', { rid });
  }

  /**
   * `POST cgi-bin/openapi/quota/get`: today's quota of one API for an authorizer (its token) or, without `appId`, for
   * the platform (component token). Errors: 76021 unknown path, 76022 no permission for it.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/openApi/get_api_quota.html
   */
  getApiQuota(cgiPath: string, appId?: string): Promise<Unwrapped<ApiQuotaInfo>> {
    return postRead(this.requesterFor(appId), '/cgi-bin/openapi/quota/get', { cgi_path: cgiPath });
  }

  /**
   * `GET wxa/queryquota`: the platform's code-audit quota of the month, read with a mini program's token.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/Mini_Programs/code/query_quota.html
   */
  getAuditQuota(miniProgramAppId: string): Promise<Unwrapped<AuditQuotaInfo>> {
    return getFor(this.requesterFor(miniProgramAppId), '/wxa/queryquota');
  }

  /** This month's quota resets of an authorizer, or of the platform (approximate, see {@link ClearQuotaBudgetView}). */
  getClearQuotaBudget(appId?: string): Promise<ClearQuotaBudgetView> {
    return this.budget.read(appId ?? this.component.appId);
  }

  /**
   * `POST cgi-bin/clear_quota`: resets the daily quotas of an authorizer (its token) or of the platform (component
   * token); 10 a month (48006 after), counted in {@link getClearQuotaBudget}. The same reset as
   * `client.misc.clearQuota()` and `ComponentClient.clearQuota()`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/openapi/api_clearquota.md
   */
  clearQuota(appId?: string): Promise<void> {
    return clearQuotaOf(this.requesterFor(appId), this.budget);
  }

  /**
   * An account's quotas in one view: the daily quota of each API asked for, the platform's audit quota (through a
   * mini program), and this month's quota resets. The calls run in parallel; any failure fails the view.
   */
  async getQuotaView(options: QuotaViewOptions = {}): Promise<QuotaView> {
    const appId = options.appId ?? this.component.appId;
    const paths = options.cgiPaths ?? [];
    const [quotas, auditQuota, clearQuota] = await Promise.all([
      Promise.all(paths.map((path) => this.getApiQuota(path, options.appId))),
      options.auditQuotaVia === undefined ? undefined : this.getAuditQuota(options.auditQuotaVia),
      this.getClearQuotaBudget(options.appId),
    ]);
    return {
      appId,
      apis: Object.fromEntries(paths.map((path, i) => [path, quotas[i]!])),
      ...(auditQuota ? { auditQuota } : {}),
      clearQuota,
    };
  }

  /** The requester of the account `appId` (an authorizer), or of the platform when undefined or the component. */
  private requesterFor(appId: string | undefined): ApiRequester {
    if (appId === undefined || appId === this.component.appId) return this.component;
    return new TokenRequester(appId, this.http, this.authorizerTokens);
  }
}

/** Calls with one authorizer's token, for the few diagnostic calls (no need for a whole client). */
class TokenRequester implements ApiRequester {
  constructor(
    readonly appId: string,
    private readonly http: WeChatHttpClient,
    private readonly tokens: AuthorizerTokens,
  ) {}

  get<T>(path: string, query?: QueryParams): Promise<T> {
    return this.request({ method: 'GET', path, ...(query ? { query } : {}) });
  }

  post<T>(path: string, body: unknown = {}, query?: QueryParams): Promise<T> {
    return this.request({ method: 'POST', path, body, ...(query ? { query } : {}) });
  }

  request<T>(request: ApiRequest): Promise<T> {
    const { anonymous: _anonymous, ...rest } = request;
    return this.http.call<T>({ ...rest, appId: this.appId, credential: this.tokens.source(this.appId) });
  }
}

