import { ConflictException, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { DraftUpload } from '../state/code-templates.js';
import { checkJsSdkSignature } from '../state/js-tickets.js';
import type { OutboxMessage } from '../state/outbox.js';
import { identityOf, SIMULATED_USERS, simulatedUser } from '../state/users.js';
import type { AuditDecisionResult, MiniProgramView } from './api-types.js';
import { ControlBody } from './control-body.decorator.js';
import { findAuthorized } from './lookup.js';
import { objectBody, optionalBoolean, optionalInteger, optionalString, requireThat } from './validation.js';

function stringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  requireThat(value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string')), `${name} must be an array of strings`);
  return value as string[] | undefined;
}

/**
 * The simulated world around the authorizer APIs: followers, subscription acceptances, the customer-service queue,
 * the WeChat client's check of `wx.config`, developer uploads of code drafts, and the reviewers of audits.
 */
@Controller('sandbox')
export class AuthorizerApisControlController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Adds generated followers (`count` 1..50000) to an official account. */
  @Post('accounts/:appId/followers')
  @HttpCode(200)
  followers(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): { total: number } {
    const account = this.officialAccount(appId);
    const count = optionalInteger(objectBody(raw), 'count') ?? 1;
    requireThat(count >= 1 && count <= 50_000, 'count must be 1..50000');
    return { total: this.sandbox.apis.audiences.of(account.appId).addGenerated(count) };
  }

  /** A user accepts subscription messages of a template (`count` sends, default 1). */
  @Post('accounts/:appId/subscriptions')
  @HttpCode(200)
  subscribe(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): { openid: string; templateId: string; remaining: number } {
    const account = findAuthorized(this.sandbox, appId);
    const body = objectBody(raw);
    const templateId = optionalString(body, 'templateId');
    requireThat(templateId, 'templateId must be a non-empty string');
    const count = optionalInteger(body, 'count') ?? 1;
    requireThat(count >= 1 && count <= 1000, 'count must be 1..1000');
    const openid = optionalString(body, 'openid') ?? this.openidOf(account, optionalString(body, 'user'));
    return { openid, templateId, remaining: this.sandbox.apis.outboxes.of(account.appId).grant(openid, templateId, count) };
  }

  /** Mass, template and subscription messages the account sent, oldest first. */
  @Get('accounts/:appId/outbox')
  outbox(@Param('appId') appId: string): readonly OutboxMessage[] {
    return this.sandbox.apis.outboxes.of(findAuthorized(this.sandbox, appId).appId).list();
  }

  /** A follower waits for customer service (as after a `transfer_customer_service` reply). */
  @Post('accounts/:appId/kf-wait')
  @HttpCode(200)
  wait(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): { openid: string; waiting: number } {
    const account = this.officialAccount(appId);
    const body = objectBody(raw);
    const openid = optionalString(body, 'openid') ?? this.openidOf(account, optionalString(body, 'user'));
    const service = this.sandbox.apis.customerService.of(account.appId);
    service.enqueue(this.sandbox.apis.audiences.of(account.appId).follower(openid).openid);
    return { openid, waiting: service.waitList().length };
  }

  /** What the WeChat client answers to `wx.config` with this signature (checked against the account's tickets). */
  @Post('accounts/:appId/js-sdk/config')
  @HttpCode(200)
  jsSdkConfig(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): { errMsg: string } {
    const account = findAuthorized(this.sandbox, appId);
    const body = objectBody(raw);
    const url = optionalString(body, 'url');
    const nonceStr = optionalString(body, 'nonceStr');
    const signature = optionalString(body, 'signature');
    const timestamp = body['timestamp'];
    requireThat(url && nonceStr && signature && (typeof timestamp === 'string' || typeof timestamp === 'number'), 'url, timestamp, nonceStr and signature are required');
    const tickets = this.sandbox.apis.jsTickets.of(account.appId).valid('jsapi');
    const ok = checkJsSdkSignature(tickets, { url, nonceStr, signature, timestamp: String(timestamp) });
    return { errMsg: ok ? 'config:ok' : 'config:invalid signature' };
  }

  /** A developer mini program uploads code: it becomes (or replaces) that mini program's draft. */
  @Post('code-drafts')
  @HttpCode(201)
  uploadDraft(@ControlBody() raw: Record<string, unknown>): { draftId: number; userVersion: string } {
    const body = objectBody(raw);
    const pages = stringList(body, 'pages');
    requireThat(pages === undefined || pages.length > 0, 'pages must not be empty');
    const privacyKeys = stringList(body, 'privacyKeys');
    const upload: DraftUpload = {};
    for (const field of ['userVersion', 'userDesc', 'sourceAppId', 'sourceName', 'developer'] as const) {
      const value = optionalString(body, field);
      if (value !== undefined) upload[field] = value;
    }
    if (pages) upload.pages = pages;
    if (privacyKeys) upload.privacyKeys = privacyKeys;
    const draft = this.sandbox.apis.codeTemplates.upload(upload);
    return { draftId: draft.draftId, userVersion: draft.userVersion };
  }

  /**
   * Decides the audit in review (409 when none) and pushes `weapp_audit_*`, waiting for the platform's answer;
   * `screenshot` goes with a rejection, `push: false` decides without a push.
   */
  @Post('accounts/:appId/audit')
  @HttpCode(200)
  async audit(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): Promise<AuditDecisionResult> {
    const account = findAuthorized(this.sandbox, appId);
    const body = objectBody(raw);
    const decision = body['decision'];
    requireThat(decision === 'approve' || decision === 'reject' || decision === 'delay', 'decision must be approve, reject or delay');
    const reason = optionalString(body, 'reason');
    const screenshot = optionalString(body, 'screenshot');
    const push = optionalBoolean(body, 'push');
    const outcome = await this.sandbox.audits.decide(account, decision, {
      ...(reason === undefined ? {} : { reason }),
      ...(screenshot === undefined ? {} : { screenshot }),
      ...(push === undefined ? {} : { push }),
    });
    if (!outcome) throw new ConflictException(`${appId} has no audit in review`);
    const delivered = outcome.delivery?.push;
    return {
      auditid: outcome.audit.auditid,
      status: outcome.audit.status,
      ...(delivered ? { push: { ok: delivered.ok, ...(delivered.status === undefined ? {} : { status: delivered.status }), ...(delivered.error === undefined ? {} : { error: delivered.error }) } } : {}),
      ...(outcome.pushWithheld ? { pushWithheld: true as const } : {}),
    };
  }

  /** A mini program's code, release and settings counters. */
  @Get('accounts/:appId/mini-program')
  miniProgram(@Param('appId') appId: string): MiniProgramView {
    const account = findAuthorized(this.sandbox, appId);
    const code = this.sandbox.apis.code.of(account.appId);
    const settings = this.sandbox.apis.miniPrograms.of(account.appId);
    let latest;
    try {
      latest = code.latestAudit();
    } catch {
      latest = undefined;
    }
    return {
      ...(code.experience ? { experience: { templateId: code.experience.templateId, userVersion: code.experience.userVersion, pages: code.experience.pages } } : {}),
      ...(code.release ? { release: { appVersion: code.release.appVersion, userVersion: code.release.userVersion, releaseTime: code.release.releaseTime } } : {}),
      ...(latest ? { latestAudit: { auditid: latest.auditid, status: latest.status } } : {}),
      visitOpen: code.visitOpen,
      commits: code.commits,
      audits: code.submissions,
      testers: settings.testerList().length,
      limitedCodes: settings.limitedCodes,
    };
  }

  private officialAccount(appId: string): Account {
    const account = findAuthorized(this.sandbox, appId);
    requireThat(account.type === 'official_account', `${appId} is not an official account`);
    return account;
  }

  private openidOf(account: Account, userKey: string | undefined): string {
    const user = simulatedUser(userKey ?? SIMULATED_USERS[0]!.key);
    requireThat(user, `user must be one of ${SIMULATED_USERS.map((u) => u.key).join(', ')}`);
    return identityOf(user, account.appId, this.sandbox.component.appId).openid;
  }
}
