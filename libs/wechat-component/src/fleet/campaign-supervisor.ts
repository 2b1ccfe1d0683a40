import { Logger } from '@nestjs/common';
import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/error-text.js';
import type { ResolvedFleetOptions } from './fleet.options.js';
import { FINAL_APP_STATES, type CampaignSummary } from './fleet.types.js';
import type { FleetJobs } from './fleet-jobs.js';
import type { AppRef, FleetStore } from './fleet-store.js';
import type { FleetWeChat } from './fleet-wechat.js';

const EXISTS_BATCH = 1000;

/**
 * The supervisor of a campaign, run as one job per campaign every `tickMs` on whichever instance takes it: reads
 * the audit quota when it is due (and wakes the apps waiting for it), wakes waiting apps when audit slots are free,
 * and now and then checks that every app that should have a job has one (an instance that died between two writes
 * leaves none). It stops once the campaign is completed or cancelled.
 */
export class CampaignSupervisor {
  private readonly logger = new Logger('FleetCampaignSupervisor');
  private readonly reconciledAt = new Map<string, number>();

  constructor(
    private readonly store: FleetStore,
    private readonly jobs: FleetJobs,
    private readonly wechat: FleetWeChat,
    private readonly options: ResolvedFleetOptions,
    private readonly clock: Clock,
  ) {}

  /** One round; returns the delay to the next, or undefined when the supervisor's work is done. */
  async tick(campaignId: string, gen: number): Promise<number | undefined> {
    if ((await this.store.tickGen(campaignId)) !== gen) return undefined;
    const summary = await this.store.summary(campaignId);
    if (!summary || summary.status === 'completed' || summary.status === 'cancelled') return undefined;
    try {
      if (summary.status === 'running') {
        await this.refreshQuota(campaignId, summary);
        await this.jobs.wake(campaignId, await this.store.wakeable(campaignId));
      }
      const last = this.reconciledAt.get(campaignId) ?? 0;
      if (this.clock.now() - last >= this.options.reconcileMs) {
        this.reconciledAt.set(campaignId, this.clock.now());
        await this.reconcile(campaignId);
      }
    } catch (error) {
      this.logger.warn(`campaign ${campaignId}: ${errorMessage(error)}; trying again in ${this.options.tickMs} ms`);
    }
    return this.options.tickMs;
  }

  /**
   * Reads the platform's audit quota (`wxa/queryquota`) when none was read yet, when it ran out and
   * `quotaRecheckMs` passed, or when apps wait and the last read is older than `quotaRefreshMs`.
   */
  async refreshQuota(campaignId: string, summary?: CampaignSummary, force = false): Promise<void> {
    const quota = await this.store.quota();
    const age = quota ? this.clock.now() - quota.checkedAt : Infinity;
    const waiting = summary ? summary.counts.waiting + summary.counts.queued + summary.counts.preflight + summary.counts.committing : 1;
    const due = force || !quota || (quota.rest <= 0 && age >= this.options.quotaRecheckMs) || (waiting > 0 && age >= this.options.quotaRefreshMs);
    if (!due) return;
    const appId = await this.anyApp(campaignId);
    if (appId === undefined) return;
    try {
      const read = await (await this.wechat.clients.getClient(appId)).wxa.audit.queryQuota();
      await this.store.setQuota({ rest: read.rest, limit: read.limit, speedupRest: read.speedup_rest, checkedAt: this.clock.now() });
    } catch (error) {
      this.logger.warn(`campaign ${campaignId}: the audit quota could not be read (wxa/queryquota): ${errorMessage(error)}`);
    }
  }

  /** An app to call `queryquota` with (the quota is the platform's, any authorized mini program reads it). */
  private async anyApp(campaignId: string): Promise<string | undefined> {
    const apps = await this.store.apps(campaignId);
    return (apps.find((app) => !FINAL_APP_STATES.has(app.state)) ?? apps[0])?.appId;
  }

  /** Adds the job of every app that should have one and has none (not final or with a request pending, not parked). */
  async reconcile(campaignId: string): Promise<number> {
    const [apps, parked] = await Promise.all([this.store.apps(campaignId), this.store.parked(campaignId)]);
    const expected: AppRef[] = apps
      .filter((app) => (!FINAL_APP_STATES.has(app.state) || app.action !== undefined) && !parked.has(app.appId))
      .map((app) => ({ appId: app.appId, gen: app.gen }));
    const missing: AppRef[] = [];
    for (let i = 0; i < expected.length; i += EXISTS_BATCH) {
      const batch = expected.slice(i, i + EXISTS_BATCH);
      const exists = await this.store.existing(batch.map((app) => this.jobs.jobKey(this.jobs.appJobId(campaignId, app.appId, app.gen))));
      batch.forEach((app, j) => {
        if (!exists[j]) missing.push(app);
      });
    }
    if (missing.length > 0) {
      this.logger.warn(`campaign ${campaignId}: ${missing.length} apps had no job (an instance stopped between two writes); adding them again`);
      await this.jobs.addApps(campaignId, missing);
    }
    return missing.length;
  }
}
