import { epochSeconds } from '../common/clock.js';
import { openIdFor } from '../common/ids.js';
import type { Account } from '../state/accounts.js';
import type { Audit } from '../state/mini-program-code.js';
import type { PerAccount } from '../common/per-account.js';
import type { MiniProgramCode } from '../state/mini-program-code.js';
import type { SandboxSettings } from '../state/settings.js';
import type { MessageDelivery, MessagePusher } from './message-pusher.js';

/** A reviewer's decision: approve (0), reject (1) or delay (4). */
export type AuditDecision = 'approve' | 'reject' | 'delay';

/** How a decision is made known, beyond the audit's status. */
export interface DecisionDetails {
  /** The reviewer's reason (reject, delay); WeChat's usual text when omitted. */
  reason?: string;
  /** Media ids of screenshots of a rejection, `|`-separated (`ScreenShot` of the push, `screenshot` of the status). */
  screenshot?: string;
  /** False: the `weapp_audit_*` push is never sent (WeChat loses pushes; the platform must poll). Default true. */
  push?: boolean;
}

/** A decision the automatic reviewer will make on a later audit of an account. */
export interface ScriptedDecision extends DecisionDetails {
  decision: AuditDecision;
  /** Seconds after the submission (or after the previous delay) the decision is made; default `auditSeconds`. */
  afterSeconds?: number;
}

/** The outcome of a decision: the audit and the `weapp_audit_*` push, if one was sent. */
export interface AuditOutcome {
  audit: Audit;
  delivery?: MessageDelivery;
  /** The decision was made without a push (`push: false`). */
  pushWithheld?: true;
}

const EVENTS = { approve: 'weapp_audit_success', reject: 'weapp_audit_fail', delay: 'weapp_audit_delay' } as const;
const DEFAULT_REASON = { reject: '1:小程序页面内容不完整，请完善后再提交审核。<br>', delay: '审核延后，请耐心等待。' } as const;

/**
 * Plays WeChat's reviewers: decides audits (through the control API, or by itself `auditSeconds` after a
 * submission) and pushes the result to the message URL as `weapp_audit_success` / `_fail` / `_delay`, from WeChat's
 * system sender. An account may be given a script of decisions (rejections with reasons and screenshots, delays,
 * decisions whose push never arrives) that the automatic reviewer applies to its next audits, in order; without one
 * it approves.
 */
export class AuditResults {
  /** One pending automatic decision per audit in review. */
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly scripts = new Map<string, ScriptedDecision[]>();

  constructor(
    private readonly code: PerAccount<MiniProgramCode>,
    private readonly messages: MessagePusher,
    private readonly settings: SandboxSettings,
    private readonly clock: () => number,
  ) {}

  /** Decides the audit in review. Returns undefined when none is in review. */
  async decide(account: Account, decision: AuditDecision, details: DecisionDetails = {}): Promise<AuditOutcome | undefined> {
    const audit = this.code.of(account.appId).pending();
    if (!audit) return undefined;
    audit.status = decision === 'approve' ? 0 : decision === 'reject' ? 1 : 4;
    const now = epochSeconds(this.clock);
    const fields: Record<string, string | number> = { MsgType: 'event', Event: EVENTS[decision] };
    if (decision === 'approve') {
      delete audit.reason;
      fields['SuccTime'] = now;
    } else {
      audit.reason = details.reason ?? DEFAULT_REASON[decision];
      fields['Reason'] = audit.reason;
      fields[decision === 'reject' ? 'FailTime' : 'DelayTime'] = now;
      if (decision === 'reject') fields['ScreenShot'] = audit.screenshot = details.screenshot ?? '';
    }
    if (decision !== 'delay') this.cancelTimer(audit.auditid);
    if (details.push === false) return { audit, pushWithheld: true };
    if (!this.settings.messageUrl) return { audit };
    const delivery = await this.messages.send(account, openIdFor(account.appId, 'weixin-audit'), fields as { MsgType: string });
    return { audit, delivery };
  }

  /** Replaces the decisions the automatic reviewer makes on the account's next audits (empty: approve them). */
  script(appId: string, decisions: readonly ScriptedDecision[]): number {
    if (decisions.length === 0) this.scripts.delete(appId);
    else this.scripts.set(appId, decisions.map((decision) => ({ ...decision })));
    return decisions.length;
  }

  /** Scripted decisions not yet made. */
  scripted(appId: string): readonly ScriptedDecision[] {
    return this.scripts.get(appId) ?? [];
  }

  /**
   * Decides the audit by itself after `auditSeconds` (halved when sped up) or the next scripted decision's
   * `afterSeconds`, unless decided before: the next scripted decision, or approval. A delay keeps the audit in review
   * and schedules the next decision. Without a script, `auditSeconds` 0 means never by itself.
   */
  schedule(account: Account, audit: Audit): void {
    const next = this.scripts.get(account.appId)?.[0];
    const seconds = next?.afterSeconds ?? this.settings.auditSeconds;
    if (next?.afterSeconds === undefined && seconds <= 0) return;
    const delay = (audit.spedUp && next?.afterSeconds === undefined ? seconds / 2 : seconds) * 1000;
    this.cancelTimer(audit.auditid);
    const timer = setTimeout(() => {
      this.timers.delete(audit.auditid);
      if (this.code.of(account.appId).pending() !== audit) return;
      const script = this.scripts.get(account.appId);
      const scripted = script?.shift();
      if (script?.length === 0) this.scripts.delete(account.appId);
      const { decision, afterSeconds: _after, ...details } = scripted ?? { decision: 'approve' as const };
      void this.decide(account, decision, details)
        .catch(() => undefined)
        .finally(() => {
          if (decision === 'delay' && this.code.of(account.appId).pending() === audit) this.schedule(account, audit);
        });
    }, delay);
    timer.unref();
    this.timers.set(audit.auditid, timer);
  }

  /** Cancels every scheduled decision (the sandbox stops). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private cancelTimer(auditid: number): void {
    const timer = this.timers.get(auditid);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(auditid);
  }
}
