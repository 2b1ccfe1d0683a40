import { ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { webviewConfirmFile } from '../authorizer-api/direct-domain.controller.js';
import { platformConfirmFile } from '../component/platform-domain.controller.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { PushRecord } from '../push/push-log.js';
import type { MessageDelivery } from '../push/message-pusher.js';
import { ControlBody } from './control-body.decorator.js';
import { findAuthorized } from './lookup.js';
import type { PlatformDecisionResult, RegistrationTaskView } from './platform-api-types.js';
import { objectBody, optionalBoolean, optionalInteger, optionalString, requireThat } from './validation.js';

function pushView(push: PushRecord | undefined): PlatformDecisionResult['push'] {
  return push ? { ok: push.ok, ...(push.status === undefined ? {} : { status: push.status }), ...(push.error === undefined ? {} : { error: push.error }) } : undefined;
}

function withPush<T extends object>(result: T, push: PushRecord | undefined): T & { push?: PlatformDecisionResult['push'] } {
  const view = pushView(push);
  return view ? { ...result, push: view } : result;
}

function decisionOf(body: Record<string, unknown>, yes: string, no: string): boolean {
  const decision = body['decision'];
  requireThat(decision === yes || decision === no, `decision must be ${yes} or ${no}`);
  return decision === yes;
}

/**
 * The people around the platform processes: applicants of fast registrations, administrators passing face
 * verification, the reviewers of ICP filings, verifications, names, categories and privacy interfaces, users
 * pressing the phone-number button, and domain owners putting confirm files in place. Each decision pushes what
 * WeChat pushes (the answer carries the push's outcome).
 */
@Controller('sandbox')
export class PlatformApisControlController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Every fast registration task, oldest first. */
  @Get('fast-register/tasks')
  tasks(): RegistrationTaskView[] {
    return this.sandbox.platform.registrations.list().map((task) => ({
      taskId: task.taskId,
      kind: task.kind,
      name: task.name,
      status: task.status,
      ...(task.appId ? { appId: task.appId } : {}),
    }));
  }

  /** The applicant confirms (`approve`) or refuses a task, as on its `authorize_url` page; `status` of a failure push. */
  @Post('fast-register/tasks/:taskId')
  @HttpCode(200)
  async completeTask(@Param('taskId') taskId: string, @ControlBody() raw: Record<string, unknown>): Promise<{ status: number; appId?: string; authCode?: string; pushes: number }> {
    const body = objectBody(raw);
    const approve = decisionOf(body, 'approve', 'refuse');
    const task = this.sandbox.platform.registrations.list().find((t) => t.taskId === taskId);
    if (!task) throw new NotFoundException(`no registration task ${taskId}`);
    if (task.status !== 0) throw new ConflictException(`task ${taskId} is not waiting (status ${task.status})`);
    const outcome = await this.sandbox.platformPushes.completeRegistration(task, approve, optionalInteger(body, 'status') ?? 100001);
    return { status: task.status, ...(outcome.appId ? { appId: outcome.appId } : {}), ...(outcome.authCode ? { authCode: outcome.authCode } : {}), pushes: outcome.pushes.length };
  }

  /** The administrator finishes the newest (or `taskId`) ICP face verification: `passed` (default true). */
  @Post('accounts/:appId/icp/verify')
  @HttpCode(200)
  async icpVerify(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<PlatformDecisionResult> {
    const account = this.miniProgram(appId);
    const body = objectBody(raw);
    const filing = this.sandbox.platform.icp.of(account.appId);
    const id = optionalString(body, 'taskId');
    const task = id === undefined ? filing.pendingVerifyTask() : filing.verifyTask(id);
    if (!task || task.finished) throw new ConflictException(`${appId} has no face verification waiting`);
    filing.finishVerifyTask(task, optionalBoolean(body, 'passed') ?? true);
    return withPush({ status: task.faceStatus }, (await this.sandbox.platformPushes.icpVerified(account, task)).push);
  }

  /** The reviewers decide the ICP filing at its stage: platform (2) → authority (4) → filed (6), or rejected. */
  @Post('accounts/:appId/icp/review')
  @HttpCode(200)
  async icpReview(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<PlatformDecisionResult> {
    const account = this.miniProgram(appId);
    const body = objectBody(raw);
    const status = this.sandbox.platform.icp.of(account.appId).review(decisionOf(body, 'approve', 'reject'), optionalString(body, 'reason') ?? '主体负责人证件照片不清晰');
    if (status === undefined) throw new ConflictException(`${appId} has no ICP filing in review`);
    return withPush({ status }, (await this.sandbox.platformPushes.icpReviewed(account, status)).push);
  }

  /** A verification task moves (`taskStatus`, `applyStatus`, reasons); verified (apply 4) makes the account verified. */
  @Post('accounts/:appId/verification')
  @HttpCode(200)
  async verification(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<PlatformDecisionResult> {
    const account = this.miniProgram(appId);
    const body = objectBody(raw);
    const state = this.sandbox.platform.verification.of(account.appId);
    const id = optionalString(body, 'taskId');
    const task = id === undefined ? state.runningTask() : state.task(id);
    if (!task) throw new ConflictException(`${appId} has no verification task running`);
    task.taskStatus = optionalInteger(body, 'taskStatus') ?? task.taskStatus;
    const applyStatus = optionalInteger(body, 'applyStatus');
    if (applyStatus !== undefined) task.applyStatus = applyStatus;
    if (applyStatus === 3) task.refillReason = optionalString(body, 'reason') ?? '请补充资料';
    if (applyStatus === 5) task.failReason = optionalString(body, 'reason') ?? '资料不符合要求';
    if (applyStatus === 4) account.verifyTypeId = 0;
    const message = optionalString(body, 'message') ?? optionalString(body, 'reason') ?? '';
    return withPush({ status: task.applyStatus ?? task.taskStatus }, (await this.sandbox.platformPushes.verificationMoved(account, task, message)).push);
  }

  /** A verification-and-filing procedure moves to `procedureStatus` (26: verified and filed). */
  @Post('accounts/:appId/auth-and-icp')
  @HttpCode(200)
  async authAndIcp(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<PlatformDecisionResult> {
    const account = this.miniProgram(appId);
    const body = objectBody(raw);
    const state = this.sandbox.platform.verification.of(account.appId);
    const id = optionalString(body, 'procedureId');
    const procedure = id === undefined ? state.latestProcedure() : state.procedure(id);
    if (!procedure) throw new ConflictException(`${appId} has no verification-and-filing procedure`);
    const status = optionalInteger(body, 'procedureStatus');
    requireThat(status !== undefined && status >= 15 && status <= 26, 'procedureStatus must be 15..26');
    procedure.status = status;
    if (status === 26) {
      account.verifyTypeId = 0;
      this.sandbox.platform.icp.of(account.appId).status = 6;
    }
    return withPush({ status }, (await this.sandbox.platformPushes.procedureMoved(account, procedure)).push);
  }

  /** The reviewers decide the name audit in review: `wxa_nickname_audit` to the message URL. */
  @Post('accounts/:appId/nickname-audit')
  @HttpCode(200)
  async nicknameAudit(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<PlatformDecisionResult> {
    const account = this.miniProgram(appId);
    const body = objectBody(raw);
    const settings = this.sandbox.platform.accountSettings.of(account.appId);
    const audit = settings.pendingNicknameAudit();
    if (!audit) throw new ConflictException(`${appId} has no name audit in review`);
    settings.decideNickname(account, audit, decisionOf(body, 'approve', 'reject'), optionalString(body, 'reason') ?? '证明材料不足以证明拥有该名称的权利');
    return this.messageOutcome({ status: audit.status }, await this.sandbox.platformPushes.nicknameAudited(account, audit));
  }

  /** The reviewers decide a category in review (the first one, or `first`/`second`): `wxa_category_audit`. */
  @Post('accounts/:appId/category-audit')
  @HttpCode(200)
  async categoryAudit(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<PlatformDecisionResult> {
    const account = this.miniProgram(appId);
    const body = objectBody(raw);
    const settings = this.sandbox.platform.accountSettings.of(account.appId);
    const second = optionalInteger(body, 'second');
    const category = settings.categories.find((c) => c.auditStatus === 1 && (second === undefined || c.second === second));
    if (!category) throw new ConflictException(`${appId} has no category in review`);
    const approve = decisionOf(body, 'approve', 'reject');
    category.auditStatus = approve ? 3 : 2;
    category.auditReason = approve ? '' : (optionalString(body, 'reason') ?? '资质材料不符合要求');
    return this.messageOutcome({ status: category.auditStatus }, await this.sandbox.platformPushes.categoryAudited(account, category));
  }

  /** The reviewers decide a privacy-interface application (the first in review, or `apiName`): `wxa_privacy_apply`. */
  @Post('accounts/:appId/privacy-interface')
  @HttpCode(200)
  async privacyInterface(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<PlatformDecisionResult> {
    const account = this.miniProgram(appId);
    const body = objectBody(raw);
    const interfaces = this.sandbox.platform.privacyInterfaces.of(account.appId);
    const pending = interfaces.pending(optionalString(body, 'apiName'));
    if (!pending) throw new ConflictException(`${appId} has no privacy-interface application in review`);
    interfaces.decide(pending.state, decisionOf(body, 'grant', 'refuse'), optionalString(body, 'reason') ?? '小程序内未含有相应使用场景');
    return this.messageOutcome({ status: pending.state.status }, await this.sandbox.platformPushes.privacyApplied(account, pending.apiName, pending.state));
  }

  /** A user presses the phone-number button: a one-time code for `getuserphonenumber` (5 minutes). */
  @Post('accounts/:appId/phone-code')
  @HttpCode(200)
  phoneCode(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): { code: string; phone: string } {
    const account = this.miniProgram(appId);
    const phone = optionalString(objectBody(raw), 'phone') ?? '13800138000';
    requireThat(/^\d{5,20}$/.test(phone), 'phone must be digits');
    return { code: this.sandbox.platform.phoneCodes.issue(account.appId, phone), phone };
  }

  /**
   * A domain now serves a confirm file at its root: the mini program's (`appId`, for business domains set directly)
   * or the platform's (for its jump domains).
   */
  @Post('confirm-files')
  @HttpCode(200)
  confirmFile(@ControlBody() raw: Record<string, unknown>): { domain: string; file_name: string } {
    const body = objectBody(raw);
    const domain = optionalString(body, 'domain');
    requireThat(domain && /^[a-z0-9.-]+$/i.test(domain), 'domain must be a host name');
    const appId = optionalString(body, 'appId');
    const file = appId === undefined ? platformConfirmFile(this.sandbox) : webviewConfirmFile(findAuthorized(this.sandbox, appId));
    this.sandbox.platform.domains.serve(domain, file);
    return { domain, file_name: file.file_name };
  }

  /** An open-platform account created on the website (not through the API): binding to it answers 89003. */
  @Post('open-accounts')
  @HttpCode(200)
  openAccount(@ControlBody() raw: Record<string, unknown>): { openAppId: string } {
    const principalName = optionalString(objectBody(raw), 'principalName');
    requireThat(principalName, 'principalName must be a non-empty string');
    return { openAppId: this.sandbox.platform.openAccounts.createOutsideApi(principalName) };
  }

  private miniProgram(appId: string): Account {
    const account = findAuthorized(this.sandbox, appId);
    requireThat(account.type === 'mini_program', `${appId} is not a mini program`);
    return account;
  }

  private messageOutcome(result: { status: number }, delivery: MessageDelivery | undefined): PlatformDecisionResult {
    return withPush(result, delivery?.push);
  }
}
