import type { OutboxMessage } from '../state/outbox.js';

/** `POST /sandbox/accounts/:appId/subscriptions`: a user accepts subscription messages of a template. */
export interface SubscriptionGrantInput {
  templateId: string;
  /** A simulated user's key (default the first) or an openid of the account. */
  user?: string;
  openid?: string;
  /** How many messages it lets through (default 1, as one `wx.requestSubscribeMessage` acceptance). */
  count?: number;
}

/** `POST /sandbox/code-drafts`: a developer mini program uploads code (WeChat DevTools' 上传). */
export interface CodeDraftInput {
  userVersion?: string;
  userDesc?: string;
  sourceAppId?: string;
  sourceName?: string;
  developer?: string;
  pages?: string[];
  privacyKeys?: string[];
}

/** `POST /sandbox/accounts/:appId/audit`: a reviewer's decision on the audit in review. */
export interface AuditDecisionInput {
  decision: 'approve' | 'reject' | 'delay';
  reason?: string;
  /** Media ids of screenshots of a rejection, `|`-separated. */
  screenshot?: string;
  /** False: decide without pushing `weapp_audit_*` (a push WeChat never delivers). */
  push?: boolean;
}

/** The answer to an audit decision; `push` is the `weapp_audit_*` push (when a message URL is set). */
export interface AuditDecisionResult {
  auditid: number;
  status: number;
  push?: { ok: boolean; status?: number; error?: string };
  /** The decision was made without a push. */
  pushWithheld?: true;
}

/** One decision of an account's review script: what the automatic reviewer does with a later audit. */
export interface ScriptedAuditDecision extends AuditDecisionInput {
  /** Seconds after the submission (or after the previous delay); default the `auditSeconds` setting. */
  afterSeconds?: number;
}

/** `PUT /sandbox/accounts/:appId/audit-script`: decisions for the account's next audits, in order. */
export interface AuditScriptInput {
  decisions: ScriptedAuditDecision[];
}

/** `GET`/`PUT /sandbox/audit-quota`: the platform's audit quota of the month (`wxa/queryquota`). */
export interface AuditQuotaView {
  rest: number;
  limit: number;
  speedupRest: number;
  speedupLimit: number;
}

/** `PUT /sandbox/audit-quota`: what is not given stays. */
export type AuditQuotaInput = Partial<AuditQuotaView>;

/** One mini program's code history (`GET /sandbox/mini-programs`). */
export interface MiniProgramCodeSummary {
  appId: string;
  /** Accepted `wxa/commit` calls. */
  commits: number;
  /** Accepted `wxa/submit_audit` calls (audits created). */
  audits: number;
  experienceVersion?: string;
  releasedVersion?: string;
  latestAudit?: { auditid: number; status: number };
}

/** `POST /sandbox/accounts/:appId/js-sdk/config`: what `wx.config` says about a signature. */
export interface JsSdkConfigInput {
  url: string;
  timestamp: number | string;
  nonceStr: string;
  signature: string;
}

/** A mini program's code state (`GET /sandbox/accounts/:appId/mini-program`). */
export interface MiniProgramView {
  experience?: { templateId: number; userVersion: string; pages: readonly string[] };
  release?: { appVersion: number; userVersion: string; releaseTime: number };
  latestAudit?: { auditid: number; status: number };
  visitOpen: boolean;
  /** Accepted `wxa/commit` calls. */
  commits: number;
  /** Accepted `wxa/submit_audit` calls (audits created). */
  audits: number;
  testers: number;
  limitedCodes: number;
}

export type { OutboxMessage };
