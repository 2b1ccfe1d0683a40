import type { WeChatAck } from '../../component/component-api.types.js';
import type { UploadFile } from '../../http/multipart.js';
import type { WeChatFile } from '../../http/wechat-file.js';
import type { ComponentOAuth, MiniProgramSession } from '../../oauth/component-oauth.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';
import type {
  AuditQuota,
  AuditStatus,
  DomainAction,
  GrayReleasePlan,
  HistoryVersion,
  LatestAuditStatus,
  PrivacySetting,
  PrivacySettingInfo,
  ServerDomains,
  ServerDomainsResult,
  SubmitAuditRequest,
  VersionInfo,
  WxaCategory,
  WxaCodeOptions,
  WxaCodeUnlimitedOptions,
} from './wxa.types.js';

/**
 * Mini-program management for third-party platforms (代商家管理小程序): code, audit and release, domains, testers,
 * privacy guide, mini-program codes and login. Every call uses the mini program's authorizer token (permission set
 * 18) but login, which uses the component token.
 */
export class WxaApi {
  constructor(
    private readonly requester: AuthorizerRequester,
    private readonly oauth: ComponentOAuth,
  ) {}

  /** `POST wxa/commit`: uploads code from a template of the platform's library; `extJson` is sent as a string. */
  commit(templateId: number | string, extJson: string | Record<string, unknown>, version: string, description: string): Promise<WeChatAck> {
    return this.requester.post('/wxa/commit', {
      template_id: templateId,
      ext_json: typeof extJson === 'string' ? extJson : JSON.stringify(extJson),
      user_version: version,
      user_desc: description,
    });
  }

  /** `GET wxa/get_qrcode`: the experience version's QR code (a JPEG); `path` may carry a query. */
  getQrcode(path?: string): Promise<WeChatFile> {
    return this.requester.request({ method: 'GET', path: '/wxa/get_qrcode', query: path === undefined ? {} : { path }, responseType: 'file' });
  }

  /** `GET wxa/get_category`: the categories set on the mini program (for audit items). */
  async getCategory(): Promise<WxaCategory[]> {
    return (await this.requester.get<{ category_list: WxaCategory[] }>('/wxa/get_category')).category_list;
  }

  /** `GET wxa/get_page`: the pages of the committed code. */
  async getPage(): Promise<string[]> {
    return (await this.requester.get<{ page_list: string[] }>('/wxa/get_page')).page_list;
  }

  /** `POST wxa/submit_audit`: submits the committed code for review; returns the audit id. */
  async submitAudit(request: SubmitAuditRequest = {}): Promise<number> {
    return (await this.requester.post<{ auditid: number }>('/wxa/submit_audit', request)).auditid;
  }

  /** `POST wxa/get_auditstatus`. */
  getAuditStatus(auditId: number): Promise<AuditStatus> {
    return this.requester.post('/wxa/get_auditstatus', { auditid: auditId });
  }

  /** `GET wxa/get_latest_auditstatus`. */
  getLatestAuditStatus(): Promise<LatestAuditStatus> {
    return this.requester.get('/wxa/get_latest_auditstatus');
  }

  /** `GET wxa/undocodeaudit`: withdraws the audit in progress (a few times a day and month). */
  undoCodeAudit(): Promise<WeChatAck> {
    return this.requester.request({ method: 'GET', path: '/wxa/undocodeaudit', idempotent: false });
  }

  /** `POST wxa/speedupaudit`: expedites an audit (uses the platform's speed-up quota). */
  speedUpAudit(auditId: number): Promise<WeChatAck> {
    return this.requester.post('/wxa/speedupaudit', { auditid: auditId });
  }

  /** `GET wxa/queryquota`: the platform's audit and speed-up quota of the month. */
  queryQuota(): Promise<AuditQuota> {
    return this.requester.get('/wxa/queryquota');
  }

  /** `POST wxa/release` (body `{}`): releases the last approved version. */
  release(): Promise<WeChatAck> {
    return this.requester.post('/wxa/release', {});
  }

  /** `GET wxa/revertcoderelease`: back to the previous (or the given) released version. */
  revertCodeRelease(appVersion?: number): Promise<WeChatAck> {
    // A GET that acts: sent twice it could revert two versions.
    return this.requester.request({ method: 'GET', path: '/wxa/revertcoderelease', query: appVersion === undefined ? {} : { app_version: appVersion }, idempotent: false });
  }

  /** `GET wxa/revertcoderelease?action=get_history_version`: versions one can revert to. */
  async getHistoryVersion(): Promise<HistoryVersion[]> {
    return (await this.requester.get<{ version_list: HistoryVersion[] }>('/wxa/revertcoderelease', { action: 'get_history_version' })).version_list;
  }

  /** `POST wxa/grayrelease`: releases the approved version to `percentage` % of users (分阶段发布). */
  grayRelease(percentage: number, options: { supportDebugerFirst?: boolean; supportExperiencerFirst?: boolean } = {}): Promise<WeChatAck> {
    return this.requester.post('/wxa/grayrelease', {
      gray_percentage: percentage,
      ...(options.supportDebugerFirst === undefined ? {} : { support_debuger_first: options.supportDebugerFirst }),
      ...(options.supportExperiencerFirst === undefined ? {} : { support_experiencer_first: options.supportExperiencerFirst }),
    });
  }

  /** `GET wxa/getgrayreleaseplan`. */
  async getGrayReleasePlan(): Promise<GrayReleasePlan> {
    return (await this.requester.get<{ gray_release_plan: GrayReleasePlan }>('/wxa/getgrayreleaseplan')).gray_release_plan;
  }

  /** `GET wxa/revertgrayrelease`: cancels the phased release. */
  revertGrayRelease(): Promise<WeChatAck> {
    return this.requester.request({ method: 'GET', path: '/wxa/revertgrayrelease', idempotent: false });
  }

  /** `POST wxa/change_visitstatus`: suspends (`close`) or resumes (`open`) the released version. */
  changeVisitStatus(close: boolean): Promise<WeChatAck> {
    return this.requester.post('/wxa/change_visitstatus', { action: close ? 'close' : 'open' });
  }

  /** `POST wxa/getvisitstatus` (body `{}`): 0 suspended, 1 serving. */
  async getVisitStatus(): Promise<number> {
    return (await this.requester.post<{ status: number }>('/wxa/getvisitstatus', {})).status;
  }

  /** `POST wxa/getversioninfo` (body `{}`): the experience and released versions. */
  getVersionInfo(): Promise<VersionInfo> {
    return this.requester.post('/wxa/getversioninfo', {});
  }

  /** `POST wxa/modify_domain`: adds, deletes, sets or reads the server domains. */
  modifyDomain(action: DomainAction, domains: ServerDomains = {}): Promise<ServerDomainsResult> {
    return this.requester.post('/wxa/modify_domain', { action, ...(action === 'get' ? {} : domains) });
  }

  /** `POST wxa/setwebviewdomain`: the web-view (business) domains; returns them for `get`. */
  setWebviewDomain(action: DomainAction, domains: readonly string[] = []): Promise<{ errcode: number; errmsg: string; webviewdomain?: string[] }> {
    return this.requester.post('/wxa/setwebviewdomain', { action, ...(action === 'get' ? {} : { webviewdomain: [...domains] }) });
  }

  /** `POST wxa/bind_tester`: makes a WeChat user (by WeChat ID) a tester; returns their `userstr`. */
  async bindTester(wechatId: string): Promise<string> {
    return (await this.requester.post<{ userstr: string }>('/wxa/bind_tester', { wechatid: wechatId })).userstr;
  }

  /** `POST wxa/unbind_tester`: by WeChat ID, or by the `userstr` of {@link WxaApi.listTesters}. */
  unbindTester(tester: string | { userstr: string }): Promise<WeChatAck> {
    return this.requester.post('/wxa/unbind_tester', typeof tester === 'string' ? { wechatid: tester } : { userstr: tester.userstr });
  }

  /** `POST wxa/memberauth` (`get_experiencer`): the testers. */
  async listTesters(): Promise<Array<{ userstr: string }>> {
    return (await this.requester.post<{ members: Array<{ userstr: string }> }>('/wxa/memberauth', { action: 'get_experiencer' })).members;
  }

  /** `POST wxa/getwxacode`: a mini-program code for a page (limited to 100 000 codes in all). */
  getWxaCode(path: string, options: WxaCodeOptions = {}): Promise<WeChatFile> {
    return this.requester.request({ method: 'POST', path: '/wxa/getwxacode', body: { path, ...options }, responseType: 'file' });
  }

  /** `POST wxa/getwxacodeunlimit`: a mini-program code carrying `scene` (≤ 32 characters), unlimited in number. */
  getWxaCodeUnlimited(scene: string, options: WxaCodeUnlimitedOptions = {}): Promise<WeChatFile> {
    return this.requester.request({ method: 'POST', path: '/wxa/getwxacodeunlimit', body: { scene, ...options }, responseType: 'file' });
  }

  /** `POST cgi-bin/wxaapp/createwxaqrcode`: a (square) QR code for a page, limited like `getwxacode`. */
  createQrcode(path: string, width = 430): Promise<WeChatFile> {
    return this.requester.request({ method: 'POST', path: '/cgi-bin/wxaapp/createwxaqrcode', body: { path, width }, responseType: 'file' });
  }

  /** `POST cgi-bin/message/subscribe/send`: a subscription message the user accepted in the mini program. */
  sendSubscribeMessage(
    openId: string,
    templateId: string,
    data: Record<string, { value: string }>,
    options: { page?: string; miniprogramState?: 'developer' | 'trial' | 'formal'; lang?: string } = {},
  ): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/message/subscribe/send', {
      touser: openId,
      template_id: templateId,
      data,
      ...(options.page === undefined ? {} : { page: options.page }),
      ...(options.miniprogramState === undefined ? {} : { miniprogram_state: options.miniprogramState }),
      ...(options.lang === undefined ? {} : { lang: options.lang }),
    });
  }

  /** `POST cgi-bin/component/setprivacysetting`: the privacy guide (required before an audit). */
  setPrivacySetting(setting: PrivacySetting): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/component/setprivacysetting', { privacy_ver: 2, ...setting });
  }

  /** `POST cgi-bin/component/getprivacysetting`. */
  getPrivacySetting(privacyVer: 1 | 2 = 2): Promise<PrivacySettingInfo> {
    return this.requester.post('/cgi-bin/component/getprivacysetting', { privacy_ver: privacyVer });
  }

  /** `POST cgi-bin/component/uploadprivacyextfile`: a supplementary privacy file (form field `file`, a .txt). */
  async uploadPrivacyExtFile(file: UploadFile): Promise<string> {
    const answer = await this.requester.request<{ ext_file_media_id: string }>({ method: 'POST', path: '/cgi-bin/component/uploadprivacyextfile', multipart: [{ name: 'file', file }] });
    return answer.ext_file_media_id;
  }

  /** `GET sns/component/jscode2session` (component token): a user's openid and session key from `wx.login()`. */
  codeToSession(jsCode: string): Promise<MiniProgramSession> {
    return this.oauth.jscode2session(jsCode);
  }
}
