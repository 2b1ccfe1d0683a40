import type { Redis } from 'ioredis';
import type { SubmitAuditRequest } from '../authorizer/apis/wxa.types.js';
import { CLAIM, CANCEL, ENROLL, HINT, PAUSE, REQUEST, RESUME, TRANSITION, WAKEABLE } from './fleet-scripts.js';
import {
  FLEET_APP_STATES,
  type CampaignStatus,
  type CampaignSummary,
  type FleetAppError,
  type FleetAppState,
  type FleetAppView,
  type FleetQuotaView,
  type ReleasePlan,
} from './fleet.types.js';

/** The newest audit push for an app, kept until a step acts on it. */
export interface AuditHint {
  readonly event: 'success' | 'fail' | 'delay';
  readonly reason?: string;
  readonly screenshot?: string;
  /** The push's CreateTime, epoch seconds. */
  readonly createTime: number;
  /** Counts the pushes of this app, so a step consumes exactly the one it read. */
  readonly n: number;
  /** The reason of a `weapp_audit_delay` this result overtook before a step saw it. */
  readonly delayed?: string;
}

/** One app of a campaign as stored (JSON in the campaign's apps hash). */
export interface AppRecord {
  readonly appId: string;
  readonly index: number;
  readonly state: FleetAppState;
  readonly gen: number;
  readonly owner?: string;
  readonly updatedAt: number;
  /** When the call of `committing` / `submitting` was about to be sent (epoch ms). */
  readonly intentAt?: number;
  readonly auditId?: number;
  readonly submittedAt?: number;
  /** Polls of `get_auditstatus` so far (the next waits twice as long). */
  readonly polls?: number;
  readonly delayed?: string;
  readonly spedUp?: boolean;
  readonly hint?: AuditHint;
  readonly hints?: number;
  /** Index of the phased-release stage reached. */
  readonly stage?: number;
  readonly holdUntil?: number;
  readonly action?: 'withdraw' | 'rollback';
  readonly waitingFor?: 'audit-quota' | 'audit-slot';
  readonly error?: FleetAppError;
}

/** What never changes once a campaign has started. */
export interface CampaignSpec {
  readonly templateId: number;
  readonly userVersion: string;
  readonly userDesc: string;
  readonly audit: SubmitAuditRequest;
  readonly plan: ReleasePlan;
}

/** The answer to a claim: the app to work on, or why there is nothing to do. */
export type ClaimResult =
  | { readonly kind: 'ok'; readonly app: AppRecord; readonly status: CampaignStatus }
  | { readonly kind: 'stale' | 'final' | 'missing' | 'parked' | 'cancelled' };

/** The answer to a state change. */
export type TransitionResult =
  | {
      readonly kind: 'ok';
      /** The campaign `completed` or was `paused` by its stop rule with this change. */
      readonly campaign?: 'completed' | 'paused';
      /** A push or a request arrived while the step ran: run again at once. */
      readonly pending: boolean;
      /** Waiting apps that may take the audit slot this change freed. */
      readonly wake: ReadonlyArray<AppRef>;
    }
  | { readonly kind: 'wait'; readonly reason: 'audit-quota' | 'audit-slot'; readonly position: number }
  | { readonly kind: 'lost' };

/** An app and the generation of its job. */
export interface AppRef {
  readonly appId: string;
  readonly gen: number;
}

/** What a per-app request did to one app. */
export interface RequestOutcome {
  readonly appId: string;
  readonly kind: 'spawn' | 'wake' | 'skip';
  readonly gen?: number;
  readonly reason?: string;
}

type ScriptCommand = (...args: Array<string | number>) => Promise<unknown>;

const SCRIPTS = {
  fleetClaim: { keys: 6, lua: CLAIM },
  fleetTransition: { keys: 6, lua: TRANSITION },
  fleetWakeable: { keys: 5, lua: WAKEABLE },
  fleetHint: { keys: 1, lua: HINT },
  fleetPause: { keys: 1, lua: PAUSE },
  fleetResume: { keys: 3, lua: RESUME },
  fleetCancel: { keys: 6, lua: CANCEL },
  fleetRequest: { keys: 6, lua: REQUEST },
  fleetEnroll: { keys: 4, lua: ENROLL },
} as const;

const BATCH = 500;

function pairs(values: readonly string[]): AppRef[] {
  const refs: AppRef[] = [];
  for (let i = 0; i + 1 < values.length; i += 2) refs.push({ appId: values[i]!, gen: Number(values[i + 1]) });
  return refs;
}

/**
 * The campaigns in Redis: one hash per campaign, its apps as JSON records in another, per-state counts, the apps
 * waiting for an audit slot (sorted by their place in the campaign), the apps parked while it is paused; across
 * campaigns, which campaign holds each app and the platform's audit quota.
 */
export class FleetStore {
  private readonly specs = new Map<string, CampaignSpec>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    for (const [name, script] of Object.entries(SCRIPTS)) redis.defineCommand(name, { numberOfKeys: script.keys, lua: script.lua });
  }

  private keys(campaignId: string) {
    const base = `${this.prefix}:c:${campaignId}`;
    return {
      campaign: base,
      apps: `${base}:apps`,
      counts: `${base}:counts`,
      waiting: `${base}:waiting`,
      parked: `${base}:parked`,
      ext: `${base}:ext`,
      active: `${this.prefix}:active`,
      quota: `${this.prefix}:quota`,
    };
  }

  private get campaignsKey(): string {
    return `${this.prefix}:campaigns`;
  }

  private run(name: keyof typeof SCRIPTS, ...args: Array<string | number>): Promise<string[]> {
    return (this.redis as unknown as Record<string, ScriptCommand>)[name]!(...args) as Promise<string[]>;
  }

  /** Stores a new campaign (status running, every app queued) and enrolls its apps; returns the apps another campaign holds. */
  async createCampaign(id: string, spec: CampaignSpec, appIds: readonly string[], extJson: ReadonlyMap<string, string>, now: number): Promise<Map<string, string>> {
    const k = this.keys(id);
    const stop = spec.plan.stopWhen;
    const multi = this.redis.multi();
    multi.hset(k.campaign, {
      id,
      status: 'running',
      spec: JSON.stringify(spec),
      total: appIds.length,
      maxInFlight: spec.plan.maxAuditsInFlight ?? 0,
      ...(stop?.failed === undefined ? {} : { stopFailed: stop.failed }),
      ...(stop?.failedRatio === undefined ? {} : { stopRatio: stop.failedRatio }),
      ...(stop?.minFinished === undefined ? {} : { stopMin: stop.minFinished }),
      tickGen: 0,
      createdAt: now,
      updatedAt: now,
    });
    for (let i = 0; i < appIds.length; i += BATCH) {
      const chunk: Record<string, string> = {};
      appIds.slice(i, i + BATCH).forEach((appId, j) => {
        const record: AppRecord = { appId, index: i + j, state: 'queued', gen: 0, updatedAt: now };
        chunk[appId] = JSON.stringify(record);
      });
      multi.hset(k.apps, chunk);
    }
    if (extJson.size > 0) multi.hset(k.ext, Object.fromEntries(extJson));
    multi.hset(k.counts, 'queued', appIds.length);
    multi.zadd(this.campaignsKey, now, id);
    await multi.exec();
    this.specs.set(id, spec);
    const held = new Map<string, string>();
    for (let i = 0; i < appIds.length; i += BATCH) {
      const chunk = appIds.slice(i, i + BATCH);
      const answers = await this.run('fleetEnroll', k.campaign, k.apps, k.counts, k.active, id, now, ...chunk);
      answers.forEach((answer, j) => {
        if (answer !== '1') held.set(chunk[j]!, answer);
      });
    }
    return held;
  }

  /** The campaign's immutable part (cached: it never changes). */
  async spec(campaignId: string): Promise<CampaignSpec | undefined> {
    const cached = this.specs.get(campaignId);
    if (cached) return cached;
    const raw = await this.redis.hget(this.keys(campaignId).campaign, 'spec');
    if (raw === null) return undefined;
    const spec = JSON.parse(raw) as CampaignSpec;
    this.specs.set(campaignId, spec);
    return spec;
  }

  async status(campaignId: string): Promise<CampaignStatus | undefined> {
    return ((await this.redis.hget(this.keys(campaignId).campaign, 'status')) ?? undefined) as CampaignStatus | undefined;
  }

  /** The `ext_json` stored for an app at the start. */
  async extJson(campaignId: string, appId: string): Promise<string> {
    return (await this.redis.hget(this.keys(campaignId).ext, appId)) ?? '{}';
  }

  /** Takes an app for a step of job `gen` (run `token`); parks it when the campaign is paused, cancels it when cancelled. */
  async claim(campaignId: string, appId: string, gen: number, token: string, now: number): Promise<ClaimResult> {
    const k = this.keys(campaignId);
    const [kind, raw, status] = await this.run('fleetClaim', k.campaign, k.apps, k.counts, k.parked, k.active, k.waiting, appId, gen, token, now, campaignId);
    if (kind === 'ok') return { kind, app: JSON.parse(raw!) as AppRecord, status: status as CampaignStatus };
    return { kind: kind as 'stale' | 'final' | 'missing' | 'parked' | 'cancelled' };
  }

  /**
   * Writes the app's next record if the run still owns it. `acquire`: the change takes an audit slot and a unit of
   * quota, or — when none is free — the app waits in line instead.
   */
  async transition(
    campaignId: string,
    from: AppRecord,
    next: AppRecord,
    token: string,
    now: number,
    options: { acquire?: boolean; consumedHint?: number; consumedAction?: string } = {},
  ): Promise<TransitionResult> {
    const k = this.keys(campaignId);
    const answer = await this.run(
      'fleetTransition',
      k.campaign,
      k.apps,
      k.counts,
      k.waiting,
      k.active,
      k.quota,
      from.appId,
      from.gen,
      token,
      JSON.stringify(next),
      now,
      campaignId,
      options.acquire ? 'acquire' : '',
      options.consumedHint ?? 0,
      options.consumedAction ?? '',
    );
    if (answer[0] === 'lost') return { kind: 'lost' };
    if (answer[0] === 'wait') return { kind: 'wait', reason: answer[1] as 'audit-quota' | 'audit-slot', position: Number(answer[2]) };
    const flags = answer[1] ? answer[1].split(',') : [];
    return {
      kind: 'ok',
      ...(flags.includes('completed') ? { campaign: 'completed' as const } : flags.includes('paused') ? { campaign: 'paused' as const } : {}),
      pending: answer[2] === '1',
      wake: pairs(answer.slice(3)),
    };
  }

  /** Waiting apps that may take an audit slot now (free slots and quota permitting). */
  async wakeable(campaignId: string): Promise<AppRef[]> {
    const k = this.keys(campaignId);
    return pairs(await this.run('fleetWakeable', k.campaign, k.counts, k.waiting, k.quota, k.apps));
  }

  /** The campaign holding an app (not final in it), if any. */
  async campaignOf(appId: string): Promise<string | undefined> {
    return (await this.redis.hget(`${this.prefix}:active`, appId)) ?? undefined;
  }

  /** Keeps an audit push for the app; returns the gen of the job to wake, or undefined when the push changes nothing. */
  async hint(campaignId: string, appId: string, hint: Omit<AuditHint, 'n'>): Promise<{ gen?: number; outcome: string }> {
    const k = this.keys(campaignId);
    const answer = await this.run('fleetHint', k.apps, appId, hint.event, hint.reason ?? '', hint.screenshot ?? '', hint.createTime);
    return answer[0] === 'ok' ? { gen: Number(answer[1]), outcome: 'kept' } : { outcome: answer[1] ? `${answer[0]} (${answer[1]})` : answer[0]! };
  }

  async pause(campaignId: string, reason: string, now: number): Promise<{ ok: boolean; status?: string }> {
    const answer = await this.run('fleetPause', this.keys(campaignId).campaign, reason, now);
    return answer[0] === 'ok' ? { ok: true } : { ok: false, status: answer[1]! };
  }

  /** Sets the campaign running again; returns the parked apps with the gens of their new jobs. */
  async resume(campaignId: string, now: number): Promise<{ ok: boolean; status?: string; apps: AppRef[] }> {
    const k = this.keys(campaignId);
    const answer = await this.run('fleetResume', k.campaign, k.apps, k.parked, now);
    return answer[0] === 'ok' ? { ok: true, apps: pairs(answer.slice(1)) } : { ok: false, status: answer[1]!, apps: [] };
  }

  async cancel(campaignId: string, now: number): Promise<{ ok: boolean; status?: string }> {
    const k = this.keys(campaignId);
    const answer = await this.run('fleetCancel', k.campaign, k.apps, k.counts, k.parked, k.active, k.waiting, now, campaignId);
    return answer[0] === 'ok' ? { ok: true } : { ok: false, status: answer[1]! };
  }

  /** Asks for a retry, withdrawal or rollback of apps (in batches); says per app what must happen to its job. */
  async request(campaignId: string, action: 'retry' | 'withdraw' | 'rollback', appIds: readonly string[], now: number): Promise<RequestOutcome[]> {
    const k = this.keys(campaignId);
    const outcomes: RequestOutcome[] = [];
    for (let i = 0; i < appIds.length; i += BATCH) {
      const answer = await this.run('fleetRequest', k.campaign, k.apps, k.counts, k.parked, k.active, k.waiting, action, now, campaignId, ...appIds.slice(i, i + BATCH));
      for (let j = 0; j + 2 < answer.length; j += 3) {
        const kind = answer[j + 1] as RequestOutcome['kind'];
        outcomes.push(kind === 'skip' ? { appId: answer[j]!, kind, reason: answer[j + 2]! } : { appId: answer[j]!, kind, gen: Number(answer[j + 2]) });
      }
    }
    return outcomes;
  }

  /** Every app record of a campaign, in campaign order. */
  async apps(campaignId: string): Promise<AppRecord[]> {
    const raw = await this.redis.hgetall(this.keys(campaignId).apps);
    return Object.values(raw)
      .map((json) => JSON.parse(json) as AppRecord)
      .sort((a, b) => a.index - b.index);
  }

  async parked(campaignId: string): Promise<Set<string>> {
    return new Set(await this.redis.smembers(this.keys(campaignId).parked));
  }

  /** The campaign without its apps; undefined when unknown. */
  async summary(campaignId: string): Promise<CampaignSummary | undefined> {
    const k = this.keys(campaignId);
    const [fields, rawCounts, waitingLine, quota] = await Promise.all([
      this.redis.hgetall(k.campaign),
      this.redis.hgetall(k.counts),
      this.redis.zcard(k.waiting),
      this.quota(),
    ]);
    if (fields['id'] === undefined) return undefined;
    const spec = JSON.parse(fields['spec']!) as CampaignSpec;
    const counts = Object.fromEntries(FLEET_APP_STATES.map((state) => [state, Number(rawCounts[state] ?? 0)])) as Record<FleetAppState, number>;
    const status = fields['status'] as CampaignStatus;
    return {
      id: campaignId,
      status,
      templateId: spec.templateId,
      userVersion: spec.userVersion,
      userDesc: spec.userDesc,
      plan: spec.plan,
      total: Number(fields['total']),
      counts,
      waitingFor: describeWaits(status, fields['pausedReason'], counts, waitingLine, Number(fields['maxInFlight'] ?? 0), quota),
      ...(fields['pausedReason'] ? { pausedReason: fields['pausedReason'] } : {}),
      ...(quota ? { quota } : {}),
      createdAt: Number(fields['createdAt']),
      updatedAt: Number(fields['updatedAt']),
    };
  }

  /** Campaign ids, newest first. */
  async campaignIds(limit = 100): Promise<string[]> {
    return this.redis.zrevrange(this.campaignsKey, 0, limit - 1);
  }

  /** The platform's audit quota as last read, less the submissions made since; undefined before the first read. */
  async quota(): Promise<FleetQuotaView | undefined> {
    const raw = await this.redis.hgetall(`${this.prefix}:quota`);
    if (raw['rest'] === undefined) return undefined;
    return { rest: Number(raw['rest']), limit: Number(raw['limit'] ?? 0), speedupRest: Number(raw['speedupRest'] ?? 0), checkedAt: Number(raw['checkedAt'] ?? 0) };
  }

  /** Stores a fresh read of the quota (`wxa/queryquota`). */
  async setQuota(quota: FleetQuotaView): Promise<void> {
    await this.redis.hset(`${this.prefix}:quota`, { rest: quota.rest, limit: quota.limit, speedupRest: quota.speedupRest, checkedAt: quota.checkedAt });
  }

  /** WeChat answered 85085: none left this month, whatever was read before. */
  async exhaustQuota(): Promise<void> {
    await this.redis.hset(`${this.prefix}:quota`, 'rest', 0);
  }

  /** Which of these Redis keys exist (BullMQ job hashes), pipelined. */
  async existing(keys: readonly string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.exists(key);
    const answers = (await pipeline.exec()) ?? [];
    return answers.map(([error, value]) => error === null && value === 1);
  }

  /** The generation of the campaign's supervisor job; `bump` starts a new one (the old one stops at its next run). */
  async tickGen(campaignId: string, bump = false): Promise<number> {
    const key = this.keys(campaignId).campaign;
    return bump ? this.redis.hincrby(key, 'tickGen', 1) : Number((await this.redis.hget(key, 'tickGen')) ?? 0);
  }
}

/** In words, what a campaign waits for. */
function describeWaits(
  status: CampaignStatus,
  pausedReason: string | undefined,
  counts: Record<FleetAppState, number>,
  waitingLine: number,
  maxInFlight: number,
  quota: FleetQuotaView | undefined,
): string[] {
  const waits: string[] = [];
  if (status === 'paused') waits.push(pausedReason ? `paused: ${pausedReason}` : 'paused');
  if (status === 'completed' || status === 'cancelled') return waits;
  const inFlight = counts.submitting + counts.auditing;
  if (counts.waiting > 0 && quota && quota.rest <= 0) {
    waits.push(`audit quota: none left this month (limit ${quota.limit}, read ${new Date(quota.checkedAt).toISOString()}); ${counts.waiting} apps wait for more`);
  } else if (waitingLine > 0 && maxInFlight > 0 && inFlight >= maxInFlight) {
    waits.push(`audit slots: ${inFlight} of ${maxInFlight} audits in review; ${waitingLine} apps wait in line`);
  }
  if (counts.auditing > 0) waits.push(`reviews: ${counts.auditing} apps in review at WeChat`);
  return waits;
}

/** The view of one app record. */
export function appView(record: AppRecord, spec: CampaignSpec): FleetAppView {
  const stage = record.stage === undefined ? undefined : spec.plan.stages?.[record.stage];
  return {
    appId: record.appId,
    state: record.state,
    ...(record.error ? { error: record.error } : {}),
    ...(record.auditId === undefined ? {} : { auditId: record.auditId }),
    ...(record.state === 'waiting' && record.waitingFor ? { waitingFor: record.waitingFor } : {}),
    ...(record.state === 'auditing' && record.delayed ? { delayed: record.delayed } : {}),
    ...(record.state === 'releasing' && stage ? { grayPercentage: stage.percentage } : {}),
    ...(record.action ? { pendingAction: record.action } : {}),
    updatedAt: record.updatedAt,
  };
}

