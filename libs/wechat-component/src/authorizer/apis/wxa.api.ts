import type { ApiRequester } from '../../apis/common.js';
import { WxaAuditApi } from './wxa-audit.api.js';
import { WxaCodeApi } from './wxa-code.api.js';
import { WxaCodesApi } from './wxa-codes.api.js';
import { WxaPrivacyApi } from './wxa-privacy.api.js';
import { WxaReleaseApi } from './wxa-release.api.js';
import { WxaSettingsApi } from './wxa-settings.api.js';

/**
 * Mini-program management for third-party platforms (代商家管理小程序), in the six sub-groups the sandbox's controllers
 * split it into: `code`, `audit`, `release`, `settings` (domains, testers), `codes` (mini-program codes) and
 * `privacy` (the privacy guide). Every call uses the mini program's authorizer token (permission set 18). Login
 * (`jscode2session`, component token) is `client.oauth.jscode2session`; subscription messages are
 * `client.message.subscribe`.
 */
export class WxaApi {
  /** Commit from a template, pages, categories, the experience QR code, version info. */
  readonly code: WxaCodeApi;
  /** Submit for review, audit status, withdraw, speed up, the platform's audit quota. */
  readonly audit: WxaAuditApi;
  /** Release, rollback, phased (gray) release, visit status. */
  readonly release: WxaReleaseApi;
  /** Server and web-view domains, testers. */
  readonly settings: WxaSettingsApi;
  /** Mini-program codes and QR codes of pages. */
  readonly codes: WxaCodesApi;
  /** The privacy guide. */
  readonly privacy: WxaPrivacyApi;

  constructor(requester: ApiRequester) {
    this.code = new WxaCodeApi(requester);
    this.audit = new WxaAuditApi(requester);
    this.release = new WxaReleaseApi(requester);
    this.settings = new WxaSettingsApi(requester);
    this.codes = new WxaCodesApi(requester);
    this.privacy = new WxaPrivacyApi(requester);
  }
}
