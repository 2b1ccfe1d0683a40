import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ScheduledJobs } from '../common/scheduled-jobs.js';
import { errorMessage } from '../common/error-text.js';
import { ComponentTokenProvider } from '../token/component-token.provider.js';
import { VerifyTicketStore } from '../store/verify-ticket.store.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import { STORE_BACKEND } from '../store/store-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { LeaseLock } from '../store/lease-lock.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import { TokenKeeper } from '../token/token-keeper.js';
import { AuthorizerReconciler, type ReconcileSummary } from './authorizer-reconciler.js';
import { CLOCK, type Clock } from '../common/clock.js';

/**
 * Injection token of the lease lock reconciliations take (one at a time across instances). Its lease is long (a
 * dead holder's frees itself after it); the reconciliation's writes are conditional, so one that outlives the lease
 * changes nothing it should not.
 */
export const RECONCILE_LOCK = Symbol('WECHAT_COMPONENT_RECONCILE_LOCK');

/**
 * Runs the reconciliation with `api_get_authorizer_list` on its cron schedule (one instance per run, under a lease
 * lock) — and whenever the store turns out to have lost its data. A durable sentinel key is written into the store
 * once; every `storeCheckSeconds` each instance looks for it. When it is gone (a Redis restarted empty, flushed, or
 * failed over to an empty replica — or a store used for the first time), a reconciliation is owed: recorded in the
 * store, tried by every instance under the lease as soon as a verify ticket is there (a ticket push is requested when
 * the ticket went with the data) and cleared by the run that succeeds. No restart needed.
 */
@Injectable()
export class ReconcileScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReconcileScheduler');
  private watchTimer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private checking: Promise<void> | undefined;
  /** The sentinel was seen by this instance: its disappearance means data was lost while we ran. */
  private sawSentinel = false;
  private stopped = false;

  constructor(
    private readonly jobs: ScheduledJobs,
    private readonly reconciler: AuthorizerReconciler,
    @Inject(RECONCILE_LOCK) private readonly lock: LeaseLock,
    private readonly tickets: VerifyTicketStore,
    private readonly componentToken: ComponentTokenProvider,
    private readonly tokens: TokenKeeper,
    private readonly keys: StoreKeys,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
  }

  /** Name of the cron job (in the application's `SchedulerRegistry` when it has one). */
  get jobName(): string {
    return `wechat-component:${this.options.componentAppId}:reconcile`;
  }

  onApplicationBootstrap(): void {
    const settings = this.options.reconcile;
    if (!settings) return;
    this.jobs.start(this.jobName, settings.cron, () => void this.runLocked('scheduled'));
    if (settings.whenEmptyAtStartup) this.watchStore(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.watchTimer);
    this.watchTimer = undefined;
    await this.jobs.stop(this.jobName);
    await Promise.all([this.running, this.checking]);
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
          `${summary.refused} refused, ${summary.skipped} skipped, ${summary.scheduled} scheduled, ` +
          `${summary.withoutRefreshToken} without refresh token`,
      );
      return summary;
    } catch (error) {
      this.logger.warn(`Reconciliation (${reason}) failed: ${errorMessage(error)}`);
      return undefined;
    } finally {
      await lease.release().catch(() => undefined);
    }
  }

  /** One look at the store: is the sentinel there, and is a reconciliation owed? Failures wait for the next look. */
  async checkStore(): Promise<void> {
    this.checking ??= this.lookAtStore()
      .catch((error: unknown) => this.logger.warn(`Store check failed (retried in ${this.checkSeconds} s): ${errorMessage(error)}`))
      .finally(() => (this.checking = undefined));
    return this.checking;
  }

  private get checkSeconds(): number {
    return this.options.reconcile ? this.options.reconcile.storeCheckSeconds : 0;
  }

  private watchStore(delayMs: number): void {
    if (this.stopped) return;
    this.watchTimer = setTimeout(() => {
      void this.checkStore().finally(() => this.watchStore(this.checkSeconds * 1000));
    }, delayMs);
    this.watchTimer.unref();
  }

  private async lookAtStore(): Promise<void> {
    if ((await this.backend.get(this.keys.sentinel)) === undefined) {
      // Owed first, sentinel second: an instance dying between the two leaves the sentinel missing, so the next
      // look records the debt again.
      await this.backend.set(this.keys.reconcileNeeded, { since: this.clock.now() });
      await this.backend.setIf(this.keys.sentinel, { createdAt: this.clock.now() }, { key: this.keys.sentinel, field: 'createdAt', equals: null });
      if (this.sawSentinel) {
        this.logger.warn('The store lost its data (its sentinel key is gone): reconciling from api_get_authorizer_list');
        this.tokens.releaseAll(); // tokens held in memory are read from the store again (and fetched where gone)
        this.componentToken.requestTicketPush(); // the ticket went with the data
      }
    }
    this.sawSentinel = true;
    if ((await this.backend.get(this.keys.reconcileNeeded)) === undefined) return;
    if (!(await this.tickets.get())) return; // WeChat pushes one every 10 minutes (or on request); the next look tries
    if (await this.runLocked('the store was found empty')) await this.backend.delete(this.keys.reconcileNeeded);
  }
}
