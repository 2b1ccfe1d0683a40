import type { Fault, FaultInput } from '../faults/fault-store.js';
import type { PushFilter, PushRecord } from '../push/push-log.js';
import type { CallFilter, CallRecord } from '../recording/call-log.js';
import type { SentMessage } from '../state/sent-messages.js';
import type { SandboxSettings, SettingsPatch } from '../state/settings.js';
import type {
  AuditDecisionInput,
  AuditDecisionResult,
  AuditQuotaInput,
  AuditQuotaView,
  AuditScriptInput,
  CodeDraftInput,
  JsSdkConfigInput,
  MiniProgramCodeSummary,
  MiniProgramView,
  OutboxMessage,
  SubscriptionGrantInput,
} from './api-types.js';
import type {
  PlatformDecisionResult,
  RegistrationDecisionInput,
  RegistrationDecisionResult,
  RegistrationTaskView,
} from './platform-api-types.js';
import type {
  AccountDetail,
  AccountPage,
  AccountQuery,
  AccountView,
  AuthorizeInput,
  AuthorizeResult,
  BulkAccountsInput,
  BulkAccountsResult,
  CountersView,
  FastRegisterInput,
  FastRegisterResult,
  JsCodeResult,
  MessageDeliveryResult,
  NewAccountInput,
  ReleaseTestOptions,
  ReleaseTestReport,
  RevokeResult,
  SandboxSummary,
  TicketResult,
  TokenIssueCounts,
  UserMessageInput,
} from './types.js';

/** A control-API request that did not succeed. */
export class SandboxClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    method: string,
    path: string,
  ) {
    const message = (body as { message?: unknown } | null)?.message;
    super(`${method} ${path} → ${status}${message === undefined ? '' : `: ${Array.isArray(message) ? message.join('; ') : String(message)}`}`);
    this.name = 'SandboxClientError';
  }
}

type QueryValue = string | number | undefined;

/** A typed client of a sandbox's `/sandbox` control API (fetch-based, no dependencies). */
export class SandboxClient {
  /** @param baseUrl the sandbox's URL, e.g. `http://127.0.0.1:3100`. */
  constructor(readonly baseUrl: string) {}

  /** State summary: settings, current ticket, component token, account counts. */
  summary(): Promise<SandboxSummary> {
    return this.request('GET', '/sandbox');
  }

  /** The current settings. */
  getSettings(): Promise<SandboxSettings> {
    return this.request('GET', '/sandbox/settings');
  }

  /** Changes lifetimes, rotation, push targets (null clears), ticket interval, push timeout/attempts. */
  updateSettings(patch: SettingsPatch): Promise<SandboxSettings> {
    return this.request('PATCH', '/sandbox/settings', patch);
  }

  /** Accounts in creation order, filtered by status and type. */
  listAccounts(query: AccountQuery = {}): Promise<AccountPage> {
    return this.request('GET', `/sandbox/accounts${queryString({ ...query })}`);
  }

  /** One account with its options and per-path call counts. */
  getAccount(appId: string): Promise<AccountDetail> {
    return this.request('GET', `/sandbox/accounts/${encodeURIComponent(appId)}`);
  }

  /** Creates an account (unauthorized; no menu unless `menu` is given). */
  createAccount(input: NewAccountInput): Promise<AccountView> {
    return this.request('POST', '/sandbox/accounts', input);
  }

  /** Creates many accounts (optionally authorized, without pushes). */
  createAccounts(input: BulkAccountsInput): Promise<BulkAccountsResult> {
    return this.request('POST', '/sandbox/accounts/bulk', input);
  }

  /** Authorizes (or re-authorizes) an account; pushes `authorized`/`updateauthorized` unless `push: false`. */
  authorize(appId: string, input: AuthorizeInput = {}): Promise<AuthorizeResult> {
    return this.request('POST', `${this.accountPath(appId)}/authorize`, input);
  }

  /** A fresh authorization code for an authorized account. */
  authorizationCode(appId: string): Promise<{ authorizationCode: string; expiresAt: number }> {
    return this.request('POST', `${this.accountPath(appId)}/authorization-code`, {});
  }

  /** Revokes an account's authorization; pushes `unauthorized` unless `push: false`. */
  revoke(appId: string, input: { push?: boolean } = {}): Promise<RevokeResult> {
    return this.request('POST', `${this.accountPath(appId)}/revoke`, input);
  }

  /** Issues and pushes a ticket now. */
  pushTicket(): Promise<TicketResult> {
    return this.request('POST', '/sandbox/ticket', {});
  }

  /** The component token answers 42001 from now on. */
  expireComponentToken(): Promise<{ expired: true }> {
    return this.request('POST', '/sandbox/component/token/expire', {});
  }

  /** The component token answers 40001 from now on. */
  invalidateComponentToken(): Promise<{ invalidated: true }> {
    return this.request('POST', '/sandbox/component/token/invalidate', {});
  }

  /** The account's access token answers 42001 from now on. */
  expireAuthorizerToken(appId: string): Promise<{ expired: true }> {
    return this.request('POST', `${this.accountPath(appId)}/token/expire`, {});
  }

  /** The account's access token answers 40001 from now on. */
  invalidateAuthorizerToken(appId: string): Promise<{ invalidated: true }> {
    return this.request('POST', `${this.accountPath(appId)}/token/invalidate`, {});
  }

  /** The refresh token the platform holds answers 61023; returns the new one (also in api_get_authorizer_list). */
  staleRefreshToken(appId: string): Promise<{ refreshToken: string }> {
    return this.request('POST', `${this.accountPath(appId)}/refresh-token/stale`, {});
  }

  /**
   * Injects a fault into calls of a path (optionally of one account, a number of times): an errcode, an HTTP status,
   * latency, a trickled answer or a connection reset.
   */
  injectFault(fault: FaultInput): Promise<Fault> {
    return this.request('POST', '/sandbox/faults', fault);
  }

  /** The active faults. */
  listFaults(): Promise<Fault[]> {
    return this.request('GET', '/sandbox/faults');
  }

  /** Removes one fault. */
  removeFault(id: number): Promise<{ removed: true }> {
    return this.request('DELETE', `/sandbox/faults/${id}`);
  }

  /** Removes every fault. */
  clearFaults(): Promise<{ cleared: true }> {
    return this.request('DELETE', '/sandbox/faults');
  }

  /** A simulated user sends a message or event; resolves with the verified passive reply and the attempts. */
  sendMessage(appId: string, message: UserMessageInput): Promise<MessageDeliveryResult> {
    return this.request('POST', `${this.accountPath(appId)}/messages`, message);
  }

  /** Customer-service messages the account sent, oldest first. */
  customMessages(appId: string): Promise<SentMessage[]> {
    return this.request('GET', `${this.accountPath(appId)}/custom-messages`);
  }

  /** A js_code for `sns/component/jscode2session` (mini programs). */
  createJsCode(appId: string, input: { user?: string } = {}): Promise<JsCodeResult> {
    return this.request('POST', `${this.accountPath(appId)}/js-code`, input);
  }

  /** Pushes `notify_third_fasteregister` (status 0 creates and authorizes a mini program). */
  fastRegister(input: FastRegisterInput = {}): Promise<FastRegisterResult> {
    return this.request('POST', '/sandbox/fast-register', input);
  }

  /** Runs the full-network-release test against the platform. */
  runReleaseTest(options: ReleaseTestOptions = {}): Promise<ReleaseTestReport> {
    return this.request('POST', '/sandbox/release-test', options);
  }

  /** Recorded calls to WeChat's side, oldest first. */
  calls(filter: CallFilter = {}): Promise<CallRecord[]> {
    return this.request('GET', `/sandbox/calls${queryString({ ...filter })}`);
  }

  /** Recorded pushes with their attempts, oldest first. */
  pushes(filter: PushFilter = {}): Promise<PushRecord[]> {
    return this.request('GET', `/sandbox/pushes${queryString({ ...filter })}`);
  }

  /** Calls per path and token issue counts. */
  counters(): Promise<CountersView> {
    return this.request('GET', '/sandbox/counters');
  }

  /** Authorizer tokens issued per account; lists accounts with at least `min` (default 2). */
  authorizerTokenCounts(min = 2): Promise<TokenIssueCounts> {
    return this.request('GET', `/sandbox/counters/authorizer-tokens?min=${min}`);
  }

  /** Adds generated followers to an official account; returns its follower count. */
  addFollowers(appId: string, count: number): Promise<{ total: number }> {
    return this.request('POST', `${this.accountPath(appId)}/followers`, { count });
  }

  /** A user accepts subscription messages of a template. */
  grantSubscription(appId: string, input: SubscriptionGrantInput): Promise<{ openid: string; templateId: string; remaining: number }> {
    return this.request('POST', `${this.accountPath(appId)}/subscriptions`, input);
  }

  /** Mass, template and subscription messages the account sent. */
  outbox(appId: string): Promise<OutboxMessage[]> {
    return this.request('GET', `${this.accountPath(appId)}/outbox`);
  }

  /** A follower starts waiting for customer service. */
  enqueueKfWait(appId: string, input: { user?: string; openid?: string } = {}): Promise<{ openid: string; waiting: number }> {
    return this.request('POST', `${this.accountPath(appId)}/kf-wait`, input);
  }

  /** What `wx.config` answers for a signature (`config:ok` or `config:invalid signature`). */
  checkJsSdkConfig(appId: string, input: JsSdkConfigInput): Promise<{ errMsg: string }> {
    return this.request('POST', `${this.accountPath(appId)}/js-sdk/config`, input);
  }

  /** A developer mini program uploads code (a draft of the platform's template library). */
  uploadCodeDraft(input: CodeDraftInput = {}): Promise<{ draftId: number; userVersion: string }> {
    return this.request('POST', '/sandbox/code-drafts', input);
  }

  /** Decides the audit in review and pushes `weapp_audit_*`. */
  decideAudit(appId: string, input: AuditDecisionInput): Promise<AuditDecisionResult> {
    return this.request('POST', `${this.accountPath(appId)}/audit`, input);
  }

  /** A mini program's code and release state. */
  miniProgram(appId: string): Promise<MiniProgramView> {
    return this.request('GET', `${this.accountPath(appId)}/mini-program`);
  }

  /** Every fast registration task. */
  registrationTasks(): Promise<RegistrationTaskView[]> {
    return this.request('GET', '/sandbox/fast-register/tasks');
  }

  /** The applicant confirms or refuses a fast registration task (as on its `authorize_url`); the outcome is pushed. */
  completeRegistrationTask(taskId: string, input: RegistrationDecisionInput): Promise<RegistrationDecisionResult> {
    return this.request('POST', `/sandbox/fast-register/tasks/${encodeURIComponent(taskId)}`, input);
  }

  /** The administrator finishes an ICP face verification (`notify_icpfiling_verify_result`). */
  finishIcpVerification(appId: string, input: { taskId?: string; passed?: boolean } = {}): Promise<PlatformDecisionResult> {
    return this.request('POST', `${this.accountPath(appId)}/icp/verify`, input);
  }

  /** The reviewers decide an ICP filing at its stage (`notify_apply_icpfiling_result`). */
  reviewIcpFiling(appId: string, input: { decision: 'approve' | 'reject'; reason?: string }): Promise<PlatformDecisionResult> {
    return this.request('POST', `${this.accountPath(appId)}/icp/review`, input);
  }

  /** A verification task moves (`notify_3rd_wxa_auth`). */
  moveVerification(appId: string, input: { taskId?: string; taskStatus?: number; applyStatus?: number; reason?: string; message?: string }): Promise<PlatformDecisionResult> {
    return this.request('POST', `${this.accountPath(appId)}/verification`, input);
  }

  /** A verification-and-filing procedure moves (`notify_3rd_wxa_auth_and_icp`). */
  moveAuthAndIcp(appId: string, input: { procedureId?: string; procedureStatus: number }): Promise<PlatformDecisionResult> {
    return this.request('POST', `${this.accountPath(appId)}/auth-and-icp`, input);
  }

  /** The reviewers decide the name audit in review (`wxa_nickname_audit`). */
  decideNicknameAudit(appId: string, input: { decision: 'approve' | 'reject'; reason?: string }): Promise<PlatformDecisionResult> {
    return this.request('POST', `${this.accountPath(appId)}/nickname-audit`, input);
  }

  /** The reviewers decide a category in review (`wxa_category_audit`). */
  decideCategoryAudit(appId: string, input: { decision: 'approve' | 'reject'; second?: number; reason?: string }): Promise<PlatformDecisionResult> {
    return this.request('POST', `${this.accountPath(appId)}/category-audit`, input);
  }

  /** The reviewers decide a privacy-interface application (`wxa_privacy_apply`). */
  decidePrivacyInterface(appId: string, input: { decision: 'grant' | 'refuse'; apiName?: string; reason?: string }): Promise<PlatformDecisionResult> {
    return this.request('POST', `${this.accountPath(appId)}/privacy-interface`, input);
  }

  /** A user presses the phone-number button: a code for `getuserphonenumber`. */
  phoneCode(appId: string, input: { phone?: string } = {}): Promise<{ code: string; phone: string }> {
    return this.request('POST', `${this.accountPath(appId)}/phone-code`, input);
  }

  /** `domain` now serves the confirm file of mini program `appId` (business domains), or of the platform. */
  serveConfirmFile(input: { domain: string; appId?: string }): Promise<{ domain: string; file_name: string }> {
    return this.request('POST', '/sandbox/confirm-files', input);
  }

  /** An open-platform account made on the website (not through the API). */
  createOpenAccount(input: { principalName: string }): Promise<{ openAppId: string }> {
    return this.request('POST', '/sandbox/open-accounts', input);
  }

  /**
   * Scripts the automatic reviewer for a mini program's next audits: rejections with reasons and screenshots,
   * delays, decisions whose push never arrives; then it approves. An empty list clears the script.
   */
  scriptAudits(appId: string, input: AuditScriptInput): Promise<{ scripted: number }> {
    return this.request('PUT', `${this.accountPath(appId)}/audit-script`, input);
  }

  /** The platform's audit quota of the month. */
  auditQuota(): Promise<AuditQuotaView> {
    return this.request('GET', '/sandbox/audit-quota');
  }

  /** Sets the audit quota's limits or what is left of it this month. */
  setAuditQuota(input: AuditQuotaInput): Promise<AuditQuotaView> {
    return this.request('PUT', '/sandbox/audit-quota', input);
  }

  /** Every mini program with code history: commits, accepted submissions, experience and released versions. */
  miniPrograms(): Promise<MiniProgramCodeSummary[]> {
    return this.request('GET', '/sandbox/mini-programs');
  }

  private accountPath(appId: string): string {
    return `/sandbox/accounts/${encodeURIComponent(appId)}`;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new SandboxClientError(response.status, parsed, method, path);
    return parsed as T;
  }
}

function queryString(values: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
