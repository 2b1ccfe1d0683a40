import { Controller, Get, Inject, Param, Put } from '@nestjs/common';
import type { ScriptedDecision } from '../push/audit-results.js';
import { Sandbox } from '../sandbox.js';
import type { AuditQuotaPatch } from '../state/code-templates.js';
import type { AuditQuotaView, MiniProgramCodeSummary } from './api-types.js';
import { ControlBody } from './control-body.decorator.js';
import { findAuthorized } from './lookup.js';
import { objectBody, optionalBoolean, optionalInteger, optionalString, requireThat } from './validation.js';

const MAX_SCRIPT = 100;
const MAX_AFTER_SECONDS = 7 * 86_400;

function scriptedDecision(raw: unknown, index: number): ScriptedDecision {
  requireThat(typeof raw === 'object' && raw !== null && !Array.isArray(raw), `decisions[${index}] must be an object`);
  const body = raw as Record<string, unknown>;
  const decision = body['decision'];
  requireThat(decision === 'approve' || decision === 'reject' || decision === 'delay', `decisions[${index}].decision must be approve, reject or delay`);
  const unknown = Object.keys(body).find((key) => !['decision', 'reason', 'screenshot', 'push', 'afterSeconds'].includes(key));
  requireThat(unknown === undefined, `decisions[${index}]: unknown field ${unknown}`);
  const after = body['afterSeconds'];
  requireThat(after === undefined || (typeof after === 'number' && after >= 0 && after <= MAX_AFTER_SECONDS), `decisions[${index}].afterSeconds must be 0..${MAX_AFTER_SECONDS}`);
  const reason = optionalString(body, 'reason');
  const screenshot = optionalString(body, 'screenshot');
  const push = optionalBoolean(body, 'push');
  return {
    decision,
    ...(reason === undefined ? {} : { reason }),
    ...(screenshot === undefined ? {} : { screenshot }),
    ...(push === undefined ? {} : { push }),
    ...(after === undefined ? {} : { afterSeconds: after as number }),
  };
}

/**
 * What a release campaign meets at WeChat: scripted reviewers (rejections with reasons and screenshots, delays,
 * results whose push never arrives), the platform's monthly audit quota, and every mini program's code history
 * (commits and accepted submissions, to count what a platform did).
 */
@Controller('sandbox')
export class CodeReleaseControlController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /**
   * `{decisions: [{decision, reason?, screenshot?, push?, afterSeconds?}]}`: the automatic reviewer applies them to
   * the account's next audits in order (a delay keeps the audit in review and moves on to the next decision), then
   * approves. An empty list clears the script.
   */
  @Put('accounts/:appId/audit-script')
  script(@Param('appId') appId: string, @ControlBody() raw: Record<string, unknown>): { scripted: number } {
    const account = findAuthorized(this.sandbox, appId);
    const body = objectBody(raw);
    const decisions = body['decisions'];
    requireThat(Array.isArray(decisions) && decisions.length <= MAX_SCRIPT, `decisions must be an array of at most ${MAX_SCRIPT}`);
    return { scripted: this.sandbox.audits.script(account.appId, decisions.map(scriptedDecision)) };
  }

  @Get('audit-quota')
  quota(): AuditQuotaView {
    return this.quotaView();
  }

  /** `{limit?, rest?, speedupLimit?, speedupRest?}`: WeChat granting more quota, or a month of use (rest ≤ limit). */
  @Put('audit-quota')
  setQuota(@ControlBody() raw: Record<string, unknown>): AuditQuotaView {
    const body = objectBody(raw);
    const patch: AuditQuotaPatch = {};
    for (const name of ['limit', 'rest', 'speedupLimit', 'speedupRest'] as const) {
      const value = optionalInteger(body, name);
      requireThat(value === undefined || (value >= 0 && value <= 10_000_000), `${name} must be 0..10000000`);
      if (value !== undefined) patch[name] = value;
    }
    const unknown = Object.keys(body).find((key) => !['limit', 'rest', 'speedupLimit', 'speedupRest'].includes(key));
    requireThat(unknown === undefined, `unknown field ${unknown}`);
    this.sandbox.apis.auditQuota.set(patch);
    return this.quotaView();
  }

  /** Every mini program with code history: commits, accepted submissions, experience and released versions. */
  @Get('mini-programs')
  miniPrograms(): MiniProgramCodeSummary[] {
    const summaries: MiniProgramCodeSummary[] = [];
    for (const [appId, code] of this.sandbox.apis.code.entries()) {
      if (code.commits === 0 && code.submissions === 0) continue;
      let latest;
      try {
        latest = code.latestAudit();
      } catch {
        latest = undefined;
      }
      summaries.push({
        appId,
        commits: code.commits,
        audits: code.submissions,
        ...(code.experience ? { experienceVersion: code.experience.userVersion } : {}),
        ...(code.release ? { releasedVersion: code.release.userVersion } : {}),
        ...(latest ? { latestAudit: { auditid: latest.auditid, status: latest.status } } : {}),
      });
    }
    return summaries;
  }

  private quotaView(): AuditQuotaView {
    const view = this.sandbox.apis.auditQuota.view();
    return { rest: view.rest, limit: view.limit, speedupRest: view.speedup_rest, speedupLimit: view.speedup_limit };
  }
}
