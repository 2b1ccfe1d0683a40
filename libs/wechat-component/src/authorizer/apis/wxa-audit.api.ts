import { getAction, getFor, postAction, postFor, postRead, type ApiRequester, type AuditQuotaInfo } from '../../apis/common.js';
import type { AuditStatus, LatestAuditStatus, SubmitAuditRequest } from './wxa.types.js';

/**
 * Audits of a mini program's committed code (代码审核, permission set 18): submit, status, withdraw, speed up, the
 * platform's quota. The outcome is also pushed (`weapp_audit_success`, `weapp_audit_fail`, `weapp_audit_delay`).
 * Reached as `client.wxa.audit`; the sandbox's `wxa-audit.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class WxaAuditApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/submit_audit`: submits the committed code for review; returns the audit id. Errors: 85086 nothing
   * committed, 85009 one in review, 85085 quota.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/submitAudit.html
   */
  async submitAudit(request: SubmitAuditRequest = {}): Promise<number> {
    return (await postFor<{ auditid: number }>(this.requester, '/wxa/submit_audit', request)).auditid;
  }

  /**
   * `POST wxa/get_auditstatus`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getAuditStatus.html
   */
  getAuditStatus(auditId: number): Promise<AuditStatus> {
    return postRead<AuditStatus>(this.requester, '/wxa/get_auditstatus', { auditid: auditId });
  }

  /**
   * `GET wxa/get_latest_auditstatus`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getLatestAuditStatus.html
   */
  getLatestAuditStatus(): Promise<LatestAuditStatus> {
    return getFor<LatestAuditStatus>(this.requester, '/wxa/get_latest_auditstatus');
  }

  /**
   * `GET wxa/undocodeaudit`: withdraws the audit in progress (a few times a day and month; a GET that acts: sent once).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/undoAudit.html
   */
  undoCodeAudit(): Promise<void> {
    return getAction(this.requester, '/wxa/undocodeaudit');
  }

  /**
   * `POST wxa/speedupaudit`: expedites an audit (uses the platform's speed-up quota).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/speedupCodeAudit.html
   */
  speedUpAudit(auditId: number): Promise<void> {
    return postAction(this.requester, '/wxa/speedupaudit', { auditid: auditId });
  }

  /**
   * `GET wxa/queryquota`: the platform's audit and speed-up quota of the month.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/setCodeAuditQuota.html
   */
  queryQuota(): Promise<AuditQuotaInfo> {
    return getFor<AuditQuotaInfo>(this.requester, '/wxa/queryquota');
  }
}
