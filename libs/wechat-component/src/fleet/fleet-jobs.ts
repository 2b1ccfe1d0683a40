import type { JobsOptions, Queue } from 'bullmq';
import { FLEET_QUEUE, type ResolvedFleetOptions } from './fleet.options.js';
import type { AppRef } from './fleet-store.js';

/** The data of an app's job: campaign, app, generation. */
export interface AppJobData {
  readonly c: string;
  readonly a: string;
  readonly g: number;
}

/** The data of a campaign's supervisor job. */
export interface TickJobData {
  readonly c: string;
  readonly g: number;
}

export const APP_JOB = 'app';
export const TICK_JOB = 'tick';

const BULK = 1000;

/**
 * The fleet's jobs on the BullMQ queue. An app has at most one job, `a-{campaign}-{app}-{gen}`: the job walks the
 * app through its states, moving itself to delayed while it waits, and ends when the app is final or parked. A new
 * job for the same app takes the next gen; a job whose gen is not the app's stops at once. Adding a job whose id
 * exists changes nothing, so every "make sure it runs" is an add.
 */
export class FleetJobs {
  private readonly jobOptions: JobsOptions;

  constructor(
    readonly queue: Queue,
    private readonly options: ResolvedFleetOptions,
  ) {
    this.jobOptions = {
      attempts: options.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs, jitter: 0.5 },
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  appJobId(campaignId: string, appId: string, gen: number): string {
    return `a-${campaignId}-${appId}-${gen}`;
  }

  tickJobId(campaignId: string, gen: number): string {
    return `t-${campaignId}-${gen}`;
  }

  /** The Redis key of a job's hash (BullMQ's layout: `{prefix}:{queue}:{id}`), to check many jobs at once. */
  jobKey(jobId: string): string {
    return `${this.options.prefix}:${FLEET_QUEUE}:${jobId}`;
  }

  /** Adds the apps' jobs (those that exist are left as they are). */
  async addApps(campaignId: string, apps: readonly AppRef[], delayMs = 0): Promise<void> {
    for (let i = 0; i < apps.length; i += BULK) {
      await this.queue.addBulk(
        apps.slice(i, i + BULK).map((app) => ({
          name: APP_JOB,
          data: { c: campaignId, a: app.appId, g: app.gen } satisfies AppJobData,
          opts: { ...this.jobOptions, jobId: this.appJobId(campaignId, app.appId, app.gen), ...(delayMs > 0 ? { delay: delayMs } : {}) },
        })),
      );
    }
  }

  /** Adds the campaign's supervisor (no-op when it runs). */
  async addTick(campaignId: string, gen: number, delayMs = 0): Promise<void> {
    await this.queue.add(TICK_JOB, { c: campaignId, g: gen } satisfies TickJobData, {
      ...this.jobOptions,
      attempts: Number.MAX_SAFE_INTEGER,
      jobId: this.tickJobId(campaignId, gen),
      ...(delayMs > 0 ? { delay: delayMs } : {}),
    });
  }

  /**
   * Runs the apps' jobs now: a delayed job is promoted, a missing one added again (a job runs only for its app's
   * current gen and state, so an extra run changes nothing); a job already waiting or running is left alone.
   */
  async wake(campaignId: string, apps: readonly AppRef[]): Promise<void> {
    const missing: AppRef[] = [];
    await Promise.all(
      apps.map(async (app) => {
        const job = await this.queue.getJob(this.appJobId(campaignId, app.appId, app.gen));
        if (!job) {
          missing.push(app);
          return;
        }
        // It may have become active meanwhile: then it runs anyway.
        await job.promote().catch(() => undefined);
      }),
    );
    if (missing.length > 0) await this.addApps(campaignId, missing);
  }
}
