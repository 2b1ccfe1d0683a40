import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AuthorizerRegistry } from '../component/authorizer-registry.js';
import { VerifyTicketStore } from '../component/verify-ticket.store.js';
import { RESOLVED_OPTIONS, STORE_BACKEND } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { LeaseLock } from '../store/lease-lock.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import { AuthorizerReconciler, type ReconcileSummary } from './authorizer-reconciler.js';

// One reconciliation at a time across instances; a dead holder's lease frees itself after this long.
const LEASE_MS = 10 * 60_000;
// Waiting for a verify ticket at start-up: WeChat pushes one every 10 minutes.
const STARTUP_RETRY_MS = 60_000;
const STARTUP_ATTEMPTS = 30;

/**
 * Runs the reconciliation with `api_get_authorizer_list` on its cron schedule (one instance per run, under a lease
 * lock), and once at start-up when the store holds no authorizer at all — a new or flushed Redis — as soon as a
 * verify ticket is there.
 */
@Injectable()
export class ReconcileScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReconcileScheduler');
  private readonly lock: LeaseLock;
  private startupTimer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly schedulerRegistry: SchedulerRegistry,
    private readonly reconciler: AuthorizerReconciler,
    private readonly registry: AuthorizerRegistry,
    private readonly tickets: VerifyTicketStore,
    private readonly keys: StoreKeys,
    @Inject(STORE_BACKEND) backend: StoreBackend,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {
    this.lock = new LeaseLock(backend, LEASE_MS);
  }

  /** Name of the cron job in `SchedulerRegistry`. */
  get jobName(): string {
    return `wechat-component:${this.options.componentAppId}:reconcile`;
  }

  onApplicationBootstrap(): void {
    const settings = this.options.reconcile;
    if (!settings) return;
    const job = CronJob.from({ cronTime: settings.cron, onTick: () => void this.runLocked('scheduled'), start: false });
    this.schedulerRegistry.addCronJob(this.jobName, job);
    job.start();
    if (settings.whenEmptyAtStartup) void this.startupCheck(STARTUP_ATTEMPTS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.startupTimer);
    this.startupTimer = undefined;
    if (this.schedulerRegistry.doesExist('cron', this.jobName)) {
      await this.schedulerRegistry.getCronJob(this.jobName).stop();
      this.schedulerRegistry.deleteCronJob(this.jobName);
    }
    await this.running;
  }

  /** Reconciles unless another instance is doing it right now; undefined when skipped or failed (logged). */
  async runLocked(reason: string): Promise<ReconcileSummary | undefined> {
    const lease = await this.lock.tryAcquire(this.keys.reconcileLock).catch(() => undefined);
    if (!lease) return undefined;
    const run = this.reconciler.reconcile();
    this.running = run.catch(() => undefined);
    try {
      const summary = await run;
      this.logger.log(
        `Reconciled (${reason}): ${summary.listed} listed, ${summary.added} added, ${summary.updated} updated, ` +
          `${summary.scheduled} scheduled, ${summary.withoutRefreshToken} without refresh token`,
      );
      return summary;
    } catch (error) {
      this.logger.warn(`Reconciliation (${reason}) failed: ${(error as Error).message}`);
      return undefined;
    } finally {
      await lease.release().catch(() => undefined);
    }
  }

  private async startupCheck(attemptsLeft: number): Promise<void> {
    this.startupTimer = undefined;
    try {
      if (this.stopped || (await this.registry.count()) > 0) return;
      if (await this.tickets.get()) {
        await this.runLocked('empty store at start-up');
        return;
      }
    } catch (error) {
      this.logger.warn(`Start-up reconciliation check failed: ${(error as Error).message}`);
    }
    if (attemptsLeft <= 1 || this.stopped) return;
    this.startupTimer = setTimeout(() => void this.startupCheck(attemptsLeft - 1), STARTUP_RETRY_MS);
    this.startupTimer.unref();
  }
}
