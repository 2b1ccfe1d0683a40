import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AuthorizerTokens } from '../component/authorizer-tokens.js';
import { ComponentTokenProvider } from '../component/component-token.provider.js';
import { VerifyTicketStore } from '../component/verify-ticket.store.js';
import { AuthorizerReauthorizationRequiredError, AuthorizerRevokedError, AuthorizerNotFoundError } from '../errors/wechat-component.errors.js';
import { RESOLVED_OPTIONS, STORE_BACKEND } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import type { RefreshOutcome } from '../token/token-keeper.js';
import { isDue } from '../token/token-record.js';
import { runBounded } from './run-bounded.js';

const PAGE = 1000;

/** What one pass of the scheduled refresh did. */
export interface RefreshPassSummary {
  /** The component token: refreshed, not due, busy (another instance), failed, or skipped (no ticket yet). */
  readonly component: RefreshOutcome | 'failed' | 'skipped';
  readonly authorizers: { refreshed: number; notDue: number; busy: number; failed: number; dropped: number };
}

/**
 * Refreshes access tokens before they expire: the component token and every authorizer token expiring within
 * `refresh.aheadSeconds`, found through an index ordered by expiry (no scan of all authorizers). Each token is
 * refreshed by one instance (lease lock, skipped when busy); failures are logged and retried on the next tick.
 */
@Injectable()
export class TokenRefreshScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TokenRefreshScheduler');
  private running: Promise<RefreshPassSummary> | undefined;

  constructor(
    private readonly schedulerRegistry: SchedulerRegistry,
    private readonly componentToken: ComponentTokenProvider,
    private readonly authorizerTokens: AuthorizerTokens,
    private readonly tickets: VerifyTicketStore,
    private readonly keys: StoreKeys,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /** Name of the cron job in `SchedulerRegistry`. */
  get jobName(): string {
    return `wechat-component:${this.options.componentAppId}:token-refresh`;
  }

  onApplicationBootstrap(): void {
    if (!this.options.refresh) return;
    const job = CronJob.from({ cronTime: this.options.refresh.cron, onTick: () => void this.tick(), start: false });
    this.schedulerRegistry.addCronJob(this.jobName, job);
    job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.options.refresh || !this.schedulerRegistry.doesExist('cron', this.jobName)) return;
    await this.schedulerRegistry.getCronJob(this.jobName).stop();
    this.schedulerRegistry.deleteCronJob(this.jobName);
    await this.running;
  }

  /** One refresh pass now (what every tick does); concurrent calls share the pass in progress. */
  runOnce(): Promise<RefreshPassSummary> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return; // the previous pass is still going: never pile up
    try {
      const summary = await this.runOnce();
      const a = summary.authorizers;
      if (a.refreshed + a.failed + a.dropped > 0 || summary.component === 'refreshed') {
        this.logger.log(
          `Refresh pass: component ${summary.component}; authorizers refreshed ${a.refreshed}, failed ${a.failed}, ` +
            `busy ${a.busy}, not due ${a.notDue}, dropped ${a.dropped}`,
        );
      }
    } catch (error) {
      this.logger.error(`Refresh pass failed: ${(error as Error).message}`);
    }
  }

  private async pass(): Promise<RefreshPassSummary> {
    const aheadMs = (this.options.refresh ? this.options.refresh.aheadSeconds : 0) * 1000;
    const component = await this.refreshComponent(aheadMs);
    const authorizers = { refreshed: 0, notDue: 0, busy: 0, failed: 0, dropped: 0 };
    const due = await this.dueAuthorizers(Date.now() + aheadMs);
    const concurrency = this.options.refresh ? this.options.refresh.concurrency : 1;
    await runBounded(due, concurrency, async (appId) => {
      const outcome = await this.refreshAuthorizer(appId, aheadMs);
      if (outcome === 'refreshed') authorizers.refreshed++;
      else if (outcome === 'not-due') authorizers.notDue++;
      else authorizers[outcome]++;
    });
    return { component, authorizers };
  }

  private async refreshComponent(aheadMs: number): Promise<RefreshPassSummary['component']> {
    if (!(await this.tickets.get())) return 'skipped';
    try {
      return await this.componentToken.refreshIfDue((record) => isDue(record, Date.now(), aheadMs));
    } catch (error) {
      this.logger.warn(`Component token refresh failed: ${(error as Error).message}`);
      return 'failed';
    }
  }

  private async refreshAuthorizer(appId: string, aheadMs: number): Promise<RefreshOutcome | 'failed' | 'dropped'> {
    try {
      return await this.authorizerTokens.refreshIfDue(appId, (record) => isDue(record, Date.now(), aheadMs));
    } catch (error) {
      if (
        error instanceof AuthorizerRevokedError ||
        error instanceof AuthorizerNotFoundError ||
        error instanceof AuthorizerReauthorizationRequiredError
      ) {
        // Nothing to refresh until the account authorizes again.
        await this.backend.indexRemove(this.keys.expiryIndex, appId);
        return 'dropped';
      }
      this.logger.warn(`Authorizer ${appId} token refresh failed (retried next tick): ${(error as Error).message}`);
      return 'failed';
    }
  }

  private async dueAuthorizers(until: number): Promise<string[]> {
    const entries = await this.backend.indexRangeByScore(this.keys.expiryIndex, until, PAGE);
    return entries.map((entry) => entry.member);
  }
}
