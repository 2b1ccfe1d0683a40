import type { AuthorizerClient } from '../authorizer/authorizer-client.js';
import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/error-text.js';
import { WeChatApiError } from '../errors/wechat-api.error.js';
import {
  AuthorizerNotFoundError,
  AuthorizerReauthorizationRequiredError,
  AuthorizerRevokedError,
} from '../errors/wechat-component.errors.js';
import type { FleetAppEventType } from './fleet-event.types.js';
import type { ResolvedFleetOptions } from './fleet.options.js';
import type { FleetAppError, FleetAppState } from './fleet.types.js';
import type { AppRecord, CampaignSpec, FleetStore } from './fleet-store.js';
import type { FleetWeChat } from './fleet-wechat.js';

/** What one step decided: the app's next record, and how the job goes on. */
export interface StepPlan {
  readonly record: AppRecord;
  /** A WeChat call was made: the next step goes through the shared rate limit again. */
  readonly called: boolean;
  /** Wait this long before the next step (an audit in review, a phased-release stage, no quota). */
  readonly delayMs?: number;
  /** The change takes an audit slot and a unit of quota (or the app waits in line). */
  readonly acquire?: boolean;
  /** The intent of a call was just written: the call itself comes next, in this run. */
  readonly freshIntent?: boolean;
  readonly consumedHint?: number;
  readonly consumedAction?: 'withdraw' | 'rollback';
  /** What to tell the application once the change is stored. */
  readonly events?: readonly FleetAppEventType[];
}

/** Errcodes worth trying again later: WeChat busy, per-API quotas of the day or minute. */
const TRANSIENT_ERRCODES = new Set([-1, 45009, 45011]);
/** `get_latest_auditstatus` may be behind the submission by a little clock skew between WeChat and us. */
const SKEW_MS = 5000;

/** A failure worth retrying (BullMQ backs off and tries again); anything else fails the app. */
export function isTransient(error: unknown): boolean {
  if (error instanceof WeChatApiError) return TRANSIENT_ERRCODES.has(error.errcode);
  return !(error instanceof AuthorizerNotFoundError || error instanceof AuthorizerRevokedError || error instanceof AuthorizerReauthorizationRequiredError);
}

/** Why a call failed, for the app's record (WeChat's errcode and errmsg; never a token). */
export function appError(step: string, error: unknown): FleetAppError {
  if (error instanceof WeChatApiError) return { errcode: error.errcode, reason: error.errmsg, step };
  return { reason: errorMessage(error), step };
}

function isErrcode(error: unknown, ...codes: number[]): error is WeChatApiError {
  return error instanceof WeChatApiError && codes.includes(error.errcode);
}

/** The record for a new state; fields of the previous state that no longer apply are dropped. */
function moveTo(app: AppRecord, state: FleetAppState, fields: Partial<AppRecord> = {}): AppRecord {
  const { owner: _owner, waitingFor: _waiting, intentAt: _intent, ...rest } = app;
  return { ...rest, state, ...fields };
}

function withoutHint(app: AppRecord): AppRecord {
  const { hint: _hint, ...rest } = app;
  return rest;
}

function withoutAction(app: AppRecord): AppRecord {
  const { action: _action, ...rest } = app;
  return rest;
}

/**
 * The steps of one app's state machine, each making at most one acting WeChat call: commit → pre-flight → submit
 * audit → follow the audit (its push, else `get_auditstatus`) → release (phased, if planned) → released. A call
 * whose outcome is unknown (the instance died, the answer timed out) is never simply repeated: the next run first
 * asks WeChat what it has (the experience version, the latest audit, the released version).
 */
export class AppSteps {
  constructor(
    private readonly wechat: FleetWeChat,
    private readonly store: FleetStore,
    private readonly options: ResolvedFleetOptions,
    private readonly clock: Clock,
  ) {}

  /** The next step of `app`. Throws transient failures (the job is retried); other failures fail the app. */
  async next(campaignId: string, spec: CampaignSpec, app: AppRecord, freshIntent: boolean): Promise<StepPlan> {
    if (app.action === 'withdraw' && !['auditing', 'submitting', 'committing'].includes(app.state)) {
      return { record: withoutAction(moveTo(app, 'withdrawn')), called: false, consumedAction: 'withdraw', events: ['app.withdrawn'] };
    }
    switch (app.state) {
      case 'queued':
        return { record: moveTo(app, 'committing', { intentAt: this.clock.now() }), called: false, freshIntent: true };
      case 'committing':
        return this.commit(campaignId, spec, app, freshIntent);
      case 'preflight':
        return this.preflight(app);
      case 'waiting':
        return { record: moveTo(app, 'submitting', { intentAt: this.clock.now() }), called: false, acquire: true, freshIntent: true };
      case 'submitting':
        return this.submit(spec, app, freshIntent);
      case 'auditing':
        return this.audit(spec, app);
      case 'releasing':
        return this.release(spec, app);
      case 'released':
        return this.rollbackRelease(app);
      default:
        return { record: withoutAction(app), called: false, ...(app.action ? { consumedAction: app.action } : {}) };
    }
  }

  private client(appId: string): Promise<AuthorizerClient> {
    return this.wechat.clients.getClient(appId);
  }

  private failed(app: AppRecord, error: FleetAppError, extra: Partial<StepPlan> = {}): StepPlan {
    return { record: moveTo(withoutHint(app), 'failed', { error }), called: true, events: ['app.failed'], ...extra };
  }

  /** Fails the app for a permanent error; rethrows a transient one. */
  private failOrThrow(app: AppRecord, step: string, error: unknown): StepPlan {
    if (isTransient(error)) throw error;
    return this.failed(app, appError(step, error));
  }

  private async commit(campaignId: string, spec: CampaignSpec, app: AppRecord, fresh: boolean): Promise<StepPlan> {
    const after = (): StepPlan => ({ record: moveTo(app, spec.plan.preflight === false ? 'waiting' : 'preflight'), called: true, events: ['app.committed'] });
    try {
      const client = await this.client(app.appId);
      if (!fresh) {
        // The commit may have reached WeChat before the previous run died: the experience version tells.
        const info = await client.wxa.code.getVersionInfo();
        const exp = info.exp_info;
        if (exp && exp.exp_version === spec.userVersion && exp.exp_time * 1000 >= (app.intentAt ?? 0) - SKEW_MS) return after();
      }
      await client.wxa.code.commit(spec.templateId, await this.store.extJson(campaignId, app.appId), spec.userVersion, spec.userDesc);
      return after();
    } catch (error) {
      return this.failOrThrow(app, 'commit', error);
    }
  }

  /** What the audit needs and WeChat would only say after days in review: a category, a privacy guide covering the code. */
  private async preflight(app: AppRecord): Promise<StepPlan> {
    try {
      const client = await this.client(app.appId);
      const categories = await client.wxa.code.getCategory();
      if (categories.length === 0) return this.failed(app, { reason: 'no service category is set: the audit needs one (wxa/get_category is empty)', step: 'preflight' });
      const privacy = await client.wxa.privacy.getPrivacySetting(2);
      const declared = new Set(privacy.setting_list.map((setting) => setting.privacy_key));
      const missing = privacy.privacy_list.filter((key) => !declared.has(key));
      if (missing.length > 0) {
        return this.failed(app, { reason: `the privacy guide does not declare what the code uses: ${missing.join(', ')} (setprivacysetting)`, step: 'preflight' });
      }
      return { record: moveTo(app, 'waiting'), called: true };
    } catch (error) {
      return this.failOrThrow(app, 'preflight', error);
    }
  }

  private auditing(app: AppRecord, auditId: number, extra: Partial<AppRecord> = {}): StepPlan {
    return {
      record: moveTo(app, 'auditing', { auditId, submittedAt: app.intentAt ?? this.clock.now(), polls: 0, ...extra }),
      called: true,
      delayMs: this.pollDelay(0),
      events: ['app.submitted'],
    };
  }

  private async submit(spec: CampaignSpec, app: AppRecord, fresh: boolean): Promise<StepPlan> {
    let client: AuthorizerClient;
    try {
      client = await this.client(app.appId);
      if (!fresh) {
        // The submission may have been accepted before the previous run died: adopt WeChat's latest audit if it is ours.
        const adopted = await this.latestOwnAudit(client, spec, app);
        if (adopted !== undefined) return this.auditing(app, adopted);
      }
      return this.auditing(app, await client.wxa.audit.submitAudit(spec.audit));
    } catch (error) {
      if (isErrcode(error, 85085)) {
        // None left this month: wait for quota (read again later), never fail.
        await this.store.exhaustQuota();
        return { record: moveTo(app, 'waiting', { waitingFor: 'audit-quota' }), called: true, delayMs: this.options.quotaRecheckMs };
      }
      if (isErrcode(error, 85009)) {
        const adopted = await this.latestOwnAudit(client!, spec, app).catch(() => undefined);
        if (adopted !== undefined) return this.auditing(app, adopted);
        return this.failed(app, { errcode: 85009, reason: 'another version of this mini program is in review (withdraw it, then retry)', step: 'submit' });
      }
      return this.failOrThrow(app, 'submit', error);
    }
  }

  /** The latest audit at WeChat if it is this campaign's submission (same version, submitted after our intent). */
  private async latestOwnAudit(client: AuthorizerClient, spec: CampaignSpec, app: AppRecord): Promise<number | undefined> {
    try {
      const latest = await client.wxa.audit.getLatestAuditStatus();
      const submittedMs = (latest.submit_audit_time ?? 0) * 1000;
      return latest.user_version === spec.userVersion && submittedMs >= (app.intentAt ?? 0) - SKEW_MS ? latest.auditid : undefined;
    } catch (error) {
      if (isErrcode(error, 85058)) return undefined;
      throw error;
    }
  }

  private pollDelay(polls: number): number {
    return Math.min(this.options.auditPollMaxMs, this.options.auditPollMs * 2 ** Math.min(polls, 20));
  }

  private async audit(spec: CampaignSpec, app: AppRecord): Promise<StepPlan> {
    const auditId = app.auditId!;
    if (app.action === 'withdraw') {
      try {
        await (await this.client(app.appId)).wxa.audit.undoCodeAudit();
        return { record: withoutAction(moveTo(withoutHint(app), 'withdrawn')), called: true, consumedAction: 'withdraw', events: ['app.withdrawn'], ...(app.hint ? { consumedHint: app.hint.n } : {}) };
      } catch (error) {
        if (isTransient(error)) throw error;
        // 85019 (nothing in review: it was decided meanwhile) and the limits (87013) leave the audit as it is.
        return { record: withoutAction({ ...app, error: appError('withdraw', error) }), called: true, consumedAction: 'withdraw' };
      }
    }
    const hint = app.hint;
    if (hint) {
      const consumed = { consumedHint: hint.n };
      // A delay the result overtook: told first, and kept on the record.
      const overtaken = hint.delayed !== undefined && app.delayed === undefined ? { delayed: hint.delayed } : {};
      const delayedFirst = hint.delayed !== undefined && app.delayed === undefined ? (['app.delayed'] as const) : [];
      if (hint.event === 'success') {
        return { record: moveTo(withoutHint({ ...app, ...overtaken }), 'releasing'), called: false, events: [...delayedFirst, 'app.approved'], ...consumed };
      }
      if (hint.event === 'fail') {
        return this.failed({ ...app, ...overtaken }, { reason: hint.reason ?? '', ...(hint.screenshot ? { screenshot: hint.screenshot } : {}), step: 'audit' }, { called: false, events: [...delayedFirst, 'app.failed'], ...consumed });
      }
      const polls = app.polls ?? 0;
      return { record: { ...withoutHint(app), delayed: hint.reason ?? '' }, called: false, delayMs: this.pollDelay(polls), events: ['app.delayed'], ...consumed };
    }
    try {
      const client = await this.client(app.appId);
      if (spec.plan.speedUpAudits && !app.spedUp) {
        await client.wxa.audit.speedUpAudit(auditId).catch((error: unknown) => {
          // 89402 not in review, 89404 already sped up, 89405 no speed-up quota left: the audit goes on at its pace.
          if (!isErrcode(error, 89402, 89404, 89405)) throw error;
        });
        return { record: { ...app, spedUp: true }, called: true, delayMs: this.pollDelay(app.polls ?? 0) };
      }
      const status = await client.wxa.audit.getAuditStatus(auditId);
      const polls = (app.polls ?? 0) + 1;
      switch (status.status) {
        case 0:
          return { record: moveTo(app, 'releasing'), called: true, events: ['app.approved'] };
        case 1:
          return this.failed(app, { reason: status.reason ?? '', ...(status.screenshot ? { screenshot: status.screenshot } : {}), step: 'audit' });
        case 3:
          return { record: moveTo(app, 'withdrawn'), called: true, events: ['app.withdrawn'] };
        case 4:
          return { record: { ...app, polls, delayed: status.reason ?? '' }, called: true, delayMs: this.pollDelay(polls), ...(app.delayed ? {} : { events: ['app.delayed'] as const }) };
        default:
          return { record: { ...app, polls }, called: true, delayMs: this.pollDelay(polls) };
      }
    } catch (error) {
      return this.failOrThrow(app, 'audit', error);
    }
  }

  private async release(spec: CampaignSpec, app: AppRecord): Promise<StepPlan> {
    const now = this.clock.now();
    if (app.action === 'rollback') return this.rollbackGray(app);
    if (app.holdUntil !== undefined && app.holdUntil > now) return { record: app, called: false, delayMs: app.holdUntil - now };
    const stages = spec.plan.stages ?? [];
    const next = (app.stage ?? -1) + 1;
    try {
      const client = await this.client(app.appId);
      if (next < stages.length) {
        const stage = stages[next]!;
        try {
          await client.wxa.release.grayRelease(stage.percentage);
          return { record: { ...app, stage: next, holdUntil: now + stage.holdMs }, called: true, delayMs: stage.holdMs };
        } catch (error) {
          // 85082: already at this share (the previous run's call went through).
          if (isErrcode(error, 85082)) return { record: { ...app, stage: next, holdUntil: now + stage.holdMs }, called: true, delayMs: stage.holdMs };
          // 85079: never released before, so there are no users to phase: release in full.
          if (!isErrcode(error, 85079)) throw error;
        }
      }
      try {
        await client.wxa.release.release();
      } catch (error) {
        if (!isErrcode(error, 85020)) throw error;
        // 85020: released already (by the previous run), or the approval we acted on was not this audit's.
        const released = (await client.wxa.code.getVersionInfo()).release_info?.release_version === spec.userVersion;
        if (!released) return { record: moveTo(app, 'auditing', { polls: 0 }), called: true, delayMs: 0 };
      }
      const { stage: _stage, holdUntil: _hold, ...rest } = app;
      return { record: moveTo(rest, 'released'), called: true, events: ['app.released'] };
    } catch (error) {
      return this.failOrThrow(app, 'release', error);
    }
  }

  /** Rollback while approved or in a phased release: cancel the phase (`revertgrayrelease`); nothing else was released. */
  private async rollbackGray(app: AppRecord): Promise<StepPlan> {
    const { stage, holdUntil: _hold, ...rest } = app;
    if (stage !== undefined) {
      try {
        await (await this.client(app.appId)).wxa.release.revertGrayRelease();
      } catch (error) {
        if (isTransient(error)) throw error;
        return { record: withoutAction({ ...app, error: appError('rollback', error) }), called: true, consumedAction: 'rollback' };
      }
    }
    return { record: withoutAction(moveTo(rest, 'rolled-back')), called: stage !== undefined, consumedAction: 'rollback', events: ['app.rolled-back'] };
  }

  /** Rollback of a released app: back to the version released before (`revertcoderelease`). */
  private async rollbackRelease(app: AppRecord): Promise<StepPlan> {
    if (app.action !== 'rollback') return { record: withoutAction(app), called: false };
    try {
      await (await this.client(app.appId)).wxa.release.revertCodeRelease();
      const { error: _error, ...rest } = app;
      return { record: withoutAction(moveTo(rest, 'rolled-back')), called: true, consumedAction: 'rollback', events: ['app.rolled-back'] };
    } catch (error) {
      if (isTransient(error)) throw error;
      // 87012 nothing to revert to, 87011 a phased release is running: the app stays released; the error says why.
      return { record: withoutAction({ ...app, error: appError('rollback', error) }), called: true, consumedAction: 'rollback' };
    }
  }
}
