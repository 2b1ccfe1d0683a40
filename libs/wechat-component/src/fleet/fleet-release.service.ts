import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { CampaignSupervisor } from './campaign-supervisor.js';
import { FleetEventDispatcher } from './fleet-event.dispatcher.js';
import { FleetJobs } from './fleet-jobs.js';
import { FleetStore } from './fleet-store.js';
import { FleetWeChat } from './fleet-wechat.js';
import { CampaignNotFoundError, CampaignStateError, InvalidCampaignError } from './fleet.errors.js';
import type { CampaignSpec, RequestOutcome } from './fleet-store.js';
import { appView } from './fleet-store.js';
import {
  FINAL_APP_STATES,
  type CampaignSummary,
  type CampaignView,
  type FleetActionResult,
  type FleetAppState,
  type ReleasePlan,
  type StartCampaignRequest,
} from './fleet.types.js';

/** Permission set 18: mini-program development (代码管理), which every call of a release needs. */
const MINI_PROGRAM_DEVELOPMENT = 18;
const APP_ID = /^wx[0-9A-Za-z]{16}$/;
/** User callbacks and WeChat lookups in flight at once while a campaign starts. */
const CONCURRENCY = 16;
const MAX_APPS = 100_000;

/**
 * Releases a code template to many mini programs at once, as a campaign: each app is committed (with its own
 * `ext_json`), checked, submitted for audit within the month's audit quota and the plan's audit slots, followed
 * through its audit (the `weapp_audit_*` push, and `get_auditstatus` when a push is missed) and released — in
 * phases if planned. Campaigns live in Redis and run on BullMQ across every instance; any instance can start, read
 * and steer any campaign.
 */
@Injectable()
export class FleetReleaseService {
  constructor(
    private readonly store: FleetStore,
    private readonly jobs: FleetJobs,
    private readonly supervisor: CampaignSupervisor,
    private readonly events: FleetEventDispatcher,
    private readonly wechat: FleetWeChat,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Starts a campaign and returns its id. The template must be in the library; `ext_json` is computed for every
   * app now and stored with the campaign. An app already in another campaign that is not over fails here.
   * @throws InvalidCampaignError for a bad request or no mini program to release to.
   */
  async start(request: StartCampaignRequest): Promise<{ id: string }> {
    const plan = request.plan ?? {};
    const problems = checkRequest(request, plan);
    if (problems.length > 0) throw new InvalidCampaignError(problems);
    const templates = await this.wechat.templates.getTemplateList();
    if (!templates.some((template) => template.template_id === request.templateId)) {
      throw new InvalidCampaignError([`template ${request.templateId} is not in the code-template library`]);
    }
    const appIds = request.appIds ? [...new Set(request.appIds)] : await this.authorizedMiniPrograms();
    if (appIds.length === 0) throw new InvalidCampaignError(['no mini program to release to']);
    const extJson = await computeExtJson(appIds, request.extJson);
    const id = randomBytes(6).toString('hex');
    const spec: CampaignSpec = { templateId: request.templateId, userVersion: request.userVersion, userDesc: request.userDesc, audit: request.audit ?? {}, plan };
    const now = this.clock.now();
    const held = await this.store.createCampaign(id, spec, appIds, extJson, now);
    await this.supervisor.refreshQuota(id, undefined, true);
    await this.jobs.addApps(id, appIds.filter((appId) => !held.has(appId)).map((appId) => ({ appId, gen: 0 })));
    await this.jobs.addTick(id, 0);
    this.events.emit({ type: 'campaign.started', campaignId: id, at: now });
    for (const [appId, holder] of held) {
      this.events.emit({ type: 'app.failed', campaignId: id, appId, state: 'failed', error: { reason: `already being released by campaign ${holder}`, step: 'start' }, at: now });
    }
    return { id };
  }

  /**
   * Adds a developer's draft to the code-template library (`wxa/addtotemplate`, which answers no id) and returns the
   * id of the template made from it.
   */
  async addTemplate(draftId: number): Promise<number> {
    await this.wechat.templates.addToTemplate(draftId);
    const made = (await this.wechat.templates.getTemplateList()).filter((template) => template.draft_id === draftId).sort((a, b) => b.template_id - a.template_id)[0];
    if (!made) throw new InvalidCampaignError([`no template was made from draft ${draftId}`]);
    return made.template_id;
  }

  /** The campaign: status, counts per state, every app with its state and error, what it waits for. */
  async getCampaign(id: string, options: { apps?: boolean } = {}): Promise<CampaignView | undefined> {
    const summary = await this.store.summary(id);
    if (!summary) return undefined;
    if (options.apps === false) return { ...summary, apps: [] };
    const spec = (await this.store.spec(id))!;
    return { ...summary, apps: (await this.store.apps(id)).map((record) => appView(record, spec)) };
  }

  /** Campaigns, newest first, without their apps. */
  async listCampaigns(limit = 20): Promise<CampaignSummary[]> {
    const summaries = await Promise.all((await this.store.campaignIds(limit)).map((id) => this.store.summary(id)));
    return summaries.filter((summary): summary is CampaignSummary => summary !== undefined);
  }

  /** Pauses a running campaign: each app finishes its call in flight, then waits. */
  async pause(id: string, reason = 'paused by request'): Promise<void> {
    const result = await this.store.pause(id, reason, this.clock.now());
    if (!result.ok) throw this.stateError(id, result.status, 'pause');
    this.events.emit({ type: 'campaign.paused', campaignId: id, reason, at: this.clock.now() });
  }

  /** Resumes a paused campaign (also one the stop rule paused). */
  async resume(id: string): Promise<void> {
    const result = await this.store.resume(id, this.clock.now());
    if (!result.ok) throw this.stateError(id, result.status, 'resume');
    await this.jobs.addApps(id, result.apps);
    await this.ensureSupervisor(id);
    this.events.emit({ type: 'campaign.resumed', campaignId: id, at: this.clock.now() });
  }

  /**
   * Cancels a running or paused campaign: apps not final become `cancelled` at their next step. Audits already in
   * review stay with WeChat (withdraw them first to undo them).
   */
  async cancel(id: string): Promise<void> {
    const result = await this.store.cancel(id, this.clock.now());
    if (!result.ok) throw this.stateError(id, result.status, 'cancel');
    const pending = (await this.store.apps(id)).filter((app) => !FINAL_APP_STATES.has(app.state));
    await this.jobs.wake(id, pending.map((app) => ({ appId: app.appId, gen: app.gen })));
    this.events.emit({ type: 'campaign.cancelled', campaignId: id, at: this.clock.now() });
  }

  /** Starts failed, withdrawn, cancelled or rolled-back apps again from the commit (all of them without `appIds`). */
  retry(id: string, appIds?: readonly string[]): Promise<FleetActionResult> {
    return this.act(id, 'retry', appIds, (state) => state === 'failed' || state === 'withdrawn' || state === 'cancelled' || state === 'rolled-back');
  }

  /** Withdraws apps from the campaign; those in review get `undocodeaudit` (WeChat allows a few a day). */
  withdraw(id: string, appIds?: readonly string[]): Promise<FleetActionResult> {
    return this.act(id, 'withdraw', appIds, (state) => !FINAL_APP_STATES.has(state));
  }

  /**
   * Rolls back released apps to the version released before (`revertcoderelease`), and cancels phased releases in
   * progress (`revertgrayrelease`).
   */
  rollback(id: string, appIds?: readonly string[]): Promise<FleetActionResult> {
    return this.act(id, 'rollback', appIds, (state) => state === 'released' || state === 'releasing');
  }

  private async act(id: string, action: 'retry' | 'withdraw' | 'rollback', appIds: readonly string[] | undefined, applies: (state: FleetAppState) => boolean): Promise<FleetActionResult> {
    if ((await this.store.status(id)) === undefined) throw new CampaignNotFoundError(id);
    const targets = appIds ?? (await this.store.apps(id)).filter((app) => applies(app.state)).map((app) => app.appId);
    const outcomes = await this.store.request(id, action, targets, this.clock.now());
    const of = (kind: RequestOutcome['kind']) => outcomes.filter((o) => o.kind === kind).map((o) => ({ appId: o.appId, gen: o.gen! }));
    await this.jobs.addApps(id, of('spawn'));
    await this.jobs.wake(id, of('wake'));
    if (outcomes.some((o) => o.kind !== 'skip')) await this.ensureSupervisor(id);
    return {
      appIds: outcomes.filter((o) => o.kind !== 'skip').map((o) => o.appId),
      skipped: outcomes.filter((o) => o.kind === 'skip').map((o) => ({ appId: o.appId, reason: o.reason! })),
    };
  }

  /** Starts a new supervisor for the campaign (the previous one stops at its next round). */
  private async ensureSupervisor(id: string): Promise<void> {
    await this.jobs.addTick(id, await this.store.tickGen(id, true));
  }

  private stateError(id: string, status: string | undefined, request: string): Error {
    return status === 'missing' || status === undefined ? new CampaignNotFoundError(id) : new CampaignStateError(id, status, request);
  }

  /**
   * Every authorized mini program that granted mini-program development. Authorizers registered from
   * `api_get_authorizer_list` (reconciliation) have no known permissions: `api_get_authorizer_info` tells.
   */
  private async authorizedMiniPrograms(): Promise<string[]> {
    const known: string[] = [];
    const unknown: string[] = [];
    for await (const authorizer of this.wechat.component.listAuthorizers()) {
      if (authorizer.status !== 'authorized') continue;
      if (authorizer.funcScopeIds.includes(MINI_PROGRAM_DEVELOPMENT)) known.push(authorizer.appId);
      else if (authorizer.funcScopeIds.length === 0) unknown.push(authorizer.appId);
    }
    const found = await mapBounded(unknown, async (appId) => {
      const info = await this.wechat.component.getAuthorizerInfo(appId);
      const granted = (info.authorization_info.func_info ?? []).some((func) => func.funcscope_category.id === MINI_PROGRAM_DEVELOPMENT);
      return info.authorizer_info.MiniProgramInfo !== undefined && granted ? appId : undefined;
    });
    return [...known, ...found.filter((appId): appId is string => appId !== undefined)];
  }
}

function checkRequest(request: StartCampaignRequest, plan: ReleasePlan): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(request.templateId) || request.templateId < 0) problems.push('templateId must be a template id (an integer ≥ 0)');
  if (typeof request.userVersion !== 'string' || request.userVersion === '' || request.userVersion.length > 64) problems.push('userVersion must be 1–64 characters');
  if (typeof request.userDesc !== 'string') problems.push('userDesc must be a string');
  if (request.appIds !== undefined) {
    if (!Array.isArray(request.appIds)) problems.push('appIds must be an array');
    else if (request.appIds.length > MAX_APPS) problems.push(`at most ${MAX_APPS} apps per campaign`);
    else {
      const bad = request.appIds.filter((appId) => typeof appId !== 'string' || !APP_ID.test(appId));
      if (bad.length > 0) problems.push(`not AppIDs: ${bad.slice(0, 5).join(', ')}`);
    }
  }
  if (plan.maxAuditsInFlight !== undefined && !(Number.isInteger(plan.maxAuditsInFlight) && plan.maxAuditsInFlight > 0)) problems.push('plan.maxAuditsInFlight must be a positive integer');
  let last = 0;
  for (const [i, stage] of (plan.stages ?? []).entries()) {
    if (!(Number.isInteger(stage.percentage) && stage.percentage > last && stage.percentage < 100)) problems.push(`plan.stages[${i}].percentage must be an integer in ${last + 1}..99, higher than the stage before`);
    if (!(Number.isFinite(stage.holdMs) && stage.holdMs >= 0)) problems.push(`plan.stages[${i}].holdMs must be ≥ 0`);
    last = stage.percentage;
  }
  const stop = plan.stopWhen;
  if (stop?.failed !== undefined && !(Number.isInteger(stop.failed) && stop.failed >= 0)) problems.push('plan.stopWhen.failed must be an integer ≥ 0');
  if (stop?.failedRatio !== undefined && !(stop.failedRatio >= 0 && stop.failedRatio <= 1)) problems.push('plan.stopWhen.failedRatio must be in 0..1');
  if (stop?.minFinished !== undefined && !(Number.isInteger(stop.minFinished) && stop.minFinished >= 1)) problems.push('plan.stopWhen.minFinished must be an integer ≥ 1');
  return problems;
}

async function computeExtJson(appIds: readonly string[], extJson: StartCampaignRequest['extJson']): Promise<Map<string, string>> {
  if (!extJson) return new Map();
  const values = await mapBounded(appIds, async (appId) => {
    const value = await extJson(appId);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
  return new Map(appIds.map((appId, i) => [appId, values[i]!]));
}

/** `map` with at most `CONCURRENCY` calls in flight, results in order. */
async function mapBounded<T, R>(items: readonly T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await map(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
