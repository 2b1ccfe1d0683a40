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
}

/** The answer to an audit decision; `push` is the `weapp_audit_*` push (when a message URL is set). */
export interface AuditDecisionResult {
  auditid: number;
  status: number;
  push?: { ok: boolean; status?: number; error?: string };
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
  testers: number;
  limitedCodes: number;
}

export type { OutboxMessage };
