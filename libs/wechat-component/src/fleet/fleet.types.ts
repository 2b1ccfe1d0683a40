import type { SubmitAuditRequest } from '../authorizer/apis/wxa.types.js';

/**
 * Where one mini program of a campaign stands.
 *
 * - `queued`: not started.
 * - `committing`: `wxa/commit` is being sent (or was, by an instance that died: the next one checks the experience
 *   version before committing again).
 * - `preflight`: committed; the checks an audit needs come next (categories, privacy guide).
 * - `waiting`: ready for audit, waiting for an audit slot of the plan or for the month's audit quota.
 * - `submitting`: `wxa/submit_audit` is being sent (or was: the next instance adopts the audit WeChat has before
 *   submitting again).
 * - `auditing`: in review at WeChat, waiting for the `weapp_audit_*` push (and polling `get_auditstatus`).
 * - `releasing`: approved; being released, or held at a stage of a phased release.
 * - `released`, `failed`, `withdrawn`, `rolled-back`, `cancelled`: final.
 */
export type FleetAppState =
  | 'queued'
  | 'committing'
  | 'preflight'
  | 'waiting'
  | 'submitting'
  | 'auditing'
  | 'releasing'
  | 'released'
  | 'failed'
  | 'withdrawn'
  | 'rolled-back'
  | 'cancelled';

/** Every state, in the order an app goes through them. */
export const FLEET_APP_STATES: readonly FleetAppState[] = [
  'queued',
  'committing',
  'preflight',
  'waiting',
  'submitting',
  'auditing',
  'releasing',
  'released',
  'failed',
  'withdrawn',
  'rolled-back',
  'cancelled',
];

/** The states an app leaves only when asked (retry, rollback). */
export const FINAL_APP_STATES: ReadonlySet<FleetAppState> = new Set(['released', 'failed', 'withdrawn', 'rolled-back', 'cancelled']);

/**
 * `running`; `paused` (by a person or the stop rule: apps finish the call in flight, then wait); `completed` (every
 * app final); `cancelled` (apps not final became `cancelled`; audits already in review stay with WeChat).
 */
export type CampaignStatus = 'running' | 'paused' | 'completed' | 'cancelled';

/** Why an app failed: WeChat's errcode when it answered one, its reason (a reviewer's for a rejection). */
export interface FleetAppError {
  readonly errcode?: number;
  readonly reason: string;
  /** Media ids of the reviewer's screenshots (`weapp_audit_fail`'s `ScreenShot`), `|`-separated. */
  readonly screenshot?: string;
  /** The step that failed: `commit`, `preflight`, `submit`, `audit`, `release`, `rollback`, `withdraw`. */
  readonly step: string;
}

/** One stage of a phased release (分阶段发布, `wxa/grayrelease`): a share of the app's users, held for a while. */
export interface ReleaseStage {
  /** 1–99: the share of users who get the new version in this stage. */
  readonly percentage: number;
  /** How long to hold the stage before the next one (or the full release). */
  readonly holdMs: number;
}

/** When the campaign pauses itself: more than `failed` apps failed, or more than `failedRatio` of finished ones. */
export interface StopRule {
  readonly failed?: number;
  /** 0–1: failed / (released + failed), checked once `minFinished` apps are finished (default 10). */
  readonly failedRatio?: number;
  readonly minFinished?: number;
}

/** How a campaign goes. Without one: every approved app is released at once, in full. */
export interface ReleasePlan {
  /** Audits in review at once (submitting + auditing); default unlimited (only the audit quota limits them). */
  readonly maxAuditsInFlight?: number;
  /** Phased release of each approved app: these stages, then the full release. Default none. */
  readonly stages?: readonly ReleaseStage[];
  /** Pause the campaign when too many apps fail. */
  readonly stopWhen?: StopRule;
  /** Check categories and the privacy guide before submitting (default true). */
  readonly preflight?: boolean;
  /** Spend the platform's speed-up quota (`wxa/speedupaudit`) on each audit while it lasts (default false). */
  readonly speedUpAudits?: boolean;
}

/** The `ext_json` of one app: an object (sent as JSON) or the JSON text. */
export type ExtJson = string | Record<string, unknown>;

/** What {@link FleetReleaseService.start} needs. */
export interface StartCampaignRequest {
  /** A template of the platform's code-template library (`CodeTemplateLibrary`). */
  readonly templateId: number;
  readonly userVersion: string;
  readonly userDesc: string;
  /** The mini programs; default every authorized one that granted mini-program development (permission set 18). */
  readonly appIds?: readonly string[];
  /** Each app's `ext_json` (called once per app at the start; the result is stored with the campaign). Default `{}`. */
  readonly extJson?: (appId: string) => ExtJson | Promise<ExtJson>;
  /** The body of `wxa/submit_audit` (audit items, version description, privacy declarations …). Default `{}`. */
  readonly audit?: SubmitAuditRequest;
  readonly plan?: ReleasePlan;
}

/** One app of a campaign, as {@link FleetReleaseService.getCampaign} shows it. */
export interface FleetAppView {
  readonly appId: string;
  readonly state: FleetAppState;
  readonly error?: FleetAppError;
  readonly auditId?: number;
  /** Set while `waiting`: `audit-quota` or `audit-slot`. */
  readonly waitingFor?: 'audit-quota' | 'audit-slot';
  /** The reviewer's note while an audit is delayed (`weapp_audit_delay`). */
  readonly delayed?: string;
  /** While held in a phased release: the share of users who have the new version. */
  readonly grayPercentage?: number;
  /** A withdraw or rollback asked for and not yet done. */
  readonly pendingAction?: 'withdraw' | 'rollback';
  readonly updatedAt: number;
}

/** The platform's audit quota as last read (`wxa/queryquota`), less the submissions made since. */
export interface FleetQuotaView {
  readonly rest: number;
  readonly limit: number;
  readonly speedupRest: number;
  /** When it was read from WeChat, epoch ms. */
  readonly checkedAt: number;
}

/** A campaign, as data. */
export interface CampaignView {
  readonly id: string;
  readonly status: CampaignStatus;
  readonly templateId: number;
  readonly userVersion: string;
  readonly userDesc: string;
  readonly plan: ReleasePlan;
  readonly total: number;
  /** Apps per state (every state, 0 included). */
  readonly counts: Readonly<Record<FleetAppState, number>>;
  /** In the order given at the start; omitted by `getCampaign(id, { apps: false })`. */
  readonly apps: readonly FleetAppView[];
  /** What the campaign waits for, in words: the stop rule, the quota, audit slots, reviews at WeChat. */
  readonly waitingFor: readonly string[];
  readonly pausedReason?: string;
  readonly quota?: FleetQuotaView;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A campaign without its apps (listing). */
export type CampaignSummary = Omit<CampaignView, 'apps'>;

/** What a per-app or campaign-wide request did. */
export interface FleetActionResult {
  /** Apps the action applies to (jobs started or woken). */
  readonly appIds: readonly string[];
  /** Apps it does not apply to, with why (e.g. `released` cannot be withdrawn). */
  readonly skipped: ReadonlyArray<{ readonly appId: string; readonly reason: string }>;
}
