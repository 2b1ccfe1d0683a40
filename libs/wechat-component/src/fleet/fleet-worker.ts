import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import { settlesWithin } from '../common/deadline.js';
import { errorMessage } from '../common/error-text.js';
import { FleetJobs } from './fleet-jobs.js';
import { FleetStepRunner } from './fleet-step-runner.js';
import { FleetStore } from './fleet-store.js';
import { bullmqConnection, FLEET_QUEUE, type ResolvedFleetOptions } from './fleet.options.js';
import { FLEET_OPTIONS } from './fleet.tokens.js';

/** Campaigns looked at on start-up, to make sure each running one has its supervisor. */
const RECOVER_CAMPAIGNS = 100;
/** A step's job may be taken over after an instance died this many times before BullMQ gives up on it. */
const MAX_STALLED = 20;

/**
 * This instance's BullMQ worker of the fleet's queue (unless `worker: false`): concurrency, the job lock and the
 * stalled-job check come from the fleet's options, so it is created here rather than with `@Processor()` (whose
 * options are fixed where the class is declared). On start-up it sets the shared rate limit and makes sure every
 * running campaign has its supervisor; on shutdown it lets the steps in flight finish.
 */
@Injectable()
export class FleetWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WeChatFleetWorker');
  private worker?: Worker;

  constructor(
    @Inject(FLEET_OPTIONS) private readonly options: ResolvedFleetOptions,
    private readonly jobs: FleetJobs,
    private readonly store: FleetStore,
    private readonly runner: FleetStepRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Stored with the queue in Redis: one limit for every instance.
    await this.jobs.queue.setGlobalRateLimit(this.options.rateLimit.max, this.options.rateLimit.durationMs);
    for (const id of await this.store.campaignIds(RECOVER_CAMPAIGNS)) {
      const status = await this.store.status(id);
      if (status === 'running' || status === 'paused') await this.jobs.addTick(id, await this.store.tickGen(id));
    }
    if (!this.options.worker) return;
    this.worker = new Worker(FLEET_QUEUE, (job, token) => this.runner.process(job, token), {
      connection: bullmqConnection(this.options.connection),
      prefix: this.options.prefix,
      concurrency: this.options.concurrency,
      lockDuration: this.options.lockDurationMs,
      stalledInterval: this.options.stalledIntervalMs,
      maxStalledCount: MAX_STALLED,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${errorMessage(error)}`));
  }

  /**
   * Stops taking steps and waits for those in flight (each bounded by its WeChat calls' deadlines) — but never longer
   * than 10 s (or a step's lock, if shorter): after a Redis restart BullMQ's close can wait on a blocking connection for good, and a
   * shutdown must end. A step cut off here is stalled and taken over by another instance (or this one, restarted).
   */
  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    if (await settlesWithin(worker.close(), Math.min(SHUTDOWN_WAIT_MS, this.options.lockDurationMs))) return;
    this.logger.warn('worker did not close in time; closing it without waiting for its steps');
    if (!(await settlesWithin(worker.close(true), FORCED_CLOSE_MS))) this.logger.warn('worker still closing; leaving it');
  }
}

// Steps in flight get this long to finish at shutdown (a step is a few WeChat calls, each with its deadline).
const SHUTDOWN_WAIT_MS = 10_000;
// After a forced close, this long for BullMQ to drop its connections.
const FORCED_CLOSE_MS = 2_000;
