import { Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/error-text.js';
import { appError, type AppSteps } from './app-steps.js';
import type { CampaignSupervisor } from './campaign-supervisor.js';
import type { FleetEventDispatcher } from './fleet-event.dispatcher.js';
import type { FleetAppEventType } from './fleet-event.types.js';
import { APP_JOB, type AppJobData, type FleetJobs, type TickJobData } from './fleet-jobs.js';
import type { ResolvedFleetOptions } from './fleet.options.js';
import type { AppRecord, CampaignSpec, FleetStore, TransitionResult } from './fleet-store.js';
import { FINAL_APP_STATES } from './fleet.types.js';

/** Steps one activation may chain before it goes back through the rate limit (a step without a call is cheap). */
const MAX_STEPS_PER_RUN = 8;

type RunOutcome = { readonly delayMs: number } | 'done';

/**
 * Runs the fleet's jobs (the BullMQ worker's processor): an app's job claims the app, runs steps until one makes a
 * WeChat call or has to wait, stores each change (if this run still owns the app), emits the events, wakes the apps
 * a freed audit slot lets through, and moves itself to delayed until its next step. A campaign's supervisor job runs
 * the {@link CampaignSupervisor}.
 */
export class FleetStepRunner {
  private readonly logger = new Logger('FleetStepRunner');

  constructor(
    private readonly store: FleetStore,
    private readonly steps: AppSteps,
    private readonly jobs: FleetJobs,
    private readonly supervisor: CampaignSupervisor,
    private readonly events: FleetEventDispatcher,
    private readonly options: ResolvedFleetOptions,
    private readonly clock: Clock,
  ) {}

  /** The worker's processor. */
  async process(job: Job, token?: string): Promise<void> {
    const outcome = job.name === APP_JOB ? await this.runApp(job as Job<AppJobData>, token ?? '') : await this.runTick(job as Job<TickJobData>);
    if (outcome === 'done') return;
    await job.moveToDelayed(this.clock.now() + outcome.delayMs, token);
    throw new DelayedError();
  }

  private async runTick(job: Job<TickJobData>): Promise<RunOutcome> {
    const delayMs = await this.supervisor.tick(job.data.c, job.data.g);
    return delayMs === undefined ? 'done' : { delayMs };
  }

  private async runApp(job: Job<AppJobData>, token: string): Promise<RunOutcome> {
    const { c: campaignId, a: appId, g: gen } = job.data;
    const claim = await this.store.claim(campaignId, appId, gen, token, this.clock.now());
    if (claim.kind === 'cancelled') this.emitApp('app.cancelled', campaignId, { appId, state: 'cancelled' });
    if (claim.kind !== 'ok') return 'done';
    const spec = await this.store.spec(campaignId);
    if (!spec) return 'done';
    let app = claim.app;
    try {
      return await this.walk(campaignId, spec, app, token, (current) => (app = current));
    } catch (error) {
      // BullMQ retries with backoff; on the last attempt the app fails with the reason instead.
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw error;
      const failed: AppRecord = { ...app, state: 'failed', error: { ...appError('retries', error), reason: `gave up after ${job.attemptsMade + 1} attempts: ${appError('', error).reason}` } };
      const result = await this.store.transition(campaignId, app, failed, token, this.clock.now());
      if (result.kind === 'ok') this.afterTransition(campaignId, app, failed, ['app.failed'], result, spec);
      return 'done';
    }
  }

  /** Runs steps until one calls WeChat or waits; `track` keeps the caller's view of the app current (for failures). */
  private async walk(campaignId: string, spec: CampaignSpec, claimed: AppRecord, token: string, track: (app: AppRecord) => void): Promise<RunOutcome> {
    let app = claimed;
    let freshIntent = false;
    for (let i = 0; i < MAX_STEPS_PER_RUN; i++) {
      const plan = await this.steps.next(campaignId, spec, app, freshIntent);
      const result = await this.store.transition(campaignId, app, plan.record, token, this.clock.now(), {
        ...(plan.acquire ? { acquire: true } : {}),
        ...(plan.consumedHint === undefined ? {} : { consumedHint: plan.consumedHint }),
        ...(plan.consumedAction === undefined ? {} : { consumedAction: plan.consumedAction }),
      });
      if (result.kind === 'lost') return 'done';
      if (result.kind === 'wait') return { delayMs: this.waitDelay(result.reason, result.position) };
      this.afterTransition(campaignId, app, plan.record, plan.events ?? [], result, spec);
      const next: AppRecord = { ...plan.record, gen: app.gen, ...(app.owner === undefined ? {} : { owner: app.owner }) };
      app = next;
      track(app);
      // A push or a request came in while the step ran: look again at once (the next claim reads it).
      if (result.pending) return { delayMs: 0 };
      if (FINAL_APP_STATES.has(app.state) && app.action === undefined) return 'done';
      if (plan.delayMs !== undefined) return { delayMs: plan.delayMs };
      if (plan.called) return { delayMs: 0 };
      freshIntent = plan.freshIntent ?? false;
    }
    return { delayMs: 0 };
  }

  private waitDelay(reason: 'audit-quota' | 'audit-slot', position: number): number {
    // Woken when a slot frees or quota comes back; this is the safety net, rarer for apps further back in line.
    if (reason === 'audit-quota') return this.options.quotaRecheckMs;
    return Math.min(10 * this.options.waitRecheckMs, this.options.waitRecheckMs * (1 + Math.floor(position / 100)));
  }

  private afterTransition(
    campaignId: string,
    from: AppRecord,
    to: AppRecord,
    events: readonly FleetAppEventType[],
    result: Extract<TransitionResult, { kind: 'ok' }>,
    spec: CampaignSpec,
  ): void {
    for (const event of events) this.emitApp(event, campaignId, to, event === 'app.released' ? spec.userVersion : undefined);
    if (result.campaign === 'completed') this.events.emit({ type: 'campaign.completed', campaignId, at: this.clock.now() });
    if (result.campaign === 'paused') this.events.emit({ type: 'campaign.paused', campaignId, reason: 'stop rule', at: this.clock.now() });
    if (result.wake.length > 0) {
      void this.jobs.wake(campaignId, result.wake).catch((error: unknown) => {
        // The supervisor wakes them on its next round.
        this.logger.warn(`campaign ${campaignId}: could not wake ${result.wake.length} waiting apps after ${from.appId}: ${errorMessage(error)}`);
      });
    }
  }

  private emitApp(type: FleetAppEventType, campaignId: string, app: Pick<AppRecord, 'appId' | 'state'> & Partial<AppRecord>, userVersion?: string): void {
    this.events.emit({
      type,
      campaignId,
      appId: app.appId,
      state: app.state,
      ...(userVersion === undefined ? {} : { userVersion }),
      ...(app.auditId === undefined ? {} : { auditId: app.auditId }),
      ...(app.error ? { error: app.error } : type === 'app.delayed' && app.delayed !== undefined ? { error: { reason: app.delayed, step: 'audit' } } : {}),
      at: this.clock.now(),
    });
  }
}
