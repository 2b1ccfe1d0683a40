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

/** The outcome of a decision: the audit and the `weapp_audit_*` push, if a message URL is set. */
export interface AuditOutcome {
  audit: Audit;
  delivery?: MessageDelivery;
}

const EVENTS = { approve: 'weapp_audit_success', reject: 'weapp_audit_fail', delay: 'weapp_audit_delay' } as const;
const DEFAULT_REASON = { reject: '1:小程序页面内容不完整，请完善后再提交审核。<br>', delay: '审核延后，请耐心等待。' } as const;

/**
 * Plays WeChat's reviewers: decides audits (through the control API, or by itself `auditSeconds` after a
 * submission) and pushes the result to the message URL as `weapp_audit_success` / `_fail` / `_delay`, from WeChat's
 * system sender.
 */
export class AuditResults {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly code: PerAccount<MiniProgramCode>,
    private readonly messages: MessagePusher,
    private readonly settings: SandboxSettings,
    private readonly clock: () => number,
  ) {}

  /** Decides the audit in review. Returns undefined when none is in review. */
  async decide(account: Account, decision: AuditDecision, reason?: string): Promise<AuditOutcome | undefined> {
    const audit = this.code.of(account.appId).pending();
    if (!audit) return undefined;
    audit.status = decision === 'approve' ? 0 : decision === 'reject' ? 1 : 4;
    const now = epochSeconds(this.clock);
    const fields: Record<string, string | number> = { MsgType: 'event', Event: EVENTS[decision] };
    if (decision === 'approve') {
      delete audit.reason;
      fields['SuccTime'] = now;
    } else {
      audit.reason = reason ?? DEFAULT_REASON[decision];
      fields['Reason'] = audit.reason;
      fields[decision === 'reject' ? 'FailTime' : 'DelayTime'] = now;
      if (decision === 'reject') fields['ScreenShot'] = audit.screenshot = '';
    }
    if (!this.settings.messageUrl) return { audit };
    const delivery = await this.messages.send(account, openIdFor(account.appId, 'weixin-audit'), fields as { MsgType: string });
    return { audit, delivery };
  }

  /** Approves the audit after `auditSeconds` (sooner when sped up), unless decided before; 0 = never by itself. */
  schedule(account: Account, audit: Audit): void {
    const seconds = this.settings.auditSeconds;
    if (seconds <= 0) return;
    const delay = (audit.spedUp ? seconds / 2 : seconds) * 1000;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.code.of(account.appId).pending() === audit) void this.decide(account, 'approve').catch(() => undefined);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** Cancels every scheduled decision (the sandbox stops). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
