import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ScheduledJobs } from '../common/scheduled-jobs.js';
import { errorMessage } from '../common/error-text.js';
import { AuthorizerTokens } from './authorizer-tokens.js';
import { ComponentTokenProvider } from './component-token.provider.js';
import { VerifyTicketStore } from '../store/verify-ticket.store.js';
import { AuthorizerReauthorizationRequiredError, AuthorizerRevokedError, AuthorizerNotFoundError } from '../errors/wechat-component.errors.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import { STORE_BACKEND } from '../store/store-tokens.js';
import { DEFAULTS } from '../options/resolve-options.js';
import type { ResolvedOptions, ResolvedRefreshOptions } from '../options/resolved-options.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import type { RefreshOutcome } from './token-keeper.js';
import { RefreshTiming } from './refresh-timing.js';
import { DueClaims } from './due-claims.js';
import { RateLimiter } from '../store/rate-limiter.js';
import { CLOCK, type Clock } from '../common/clock.js';

/** What one pass of the scheduled refresh did. */
export interface RefreshPassSummary {
  /** The component token: refreshed, not due, busy (another instance), failed, or skipped (no ticket yet). */
  readonly component: RefreshOutcome | 'failed' | 'skipped';
  /**
   * Authorizer tokens claimed from the due index in this pass, and what became of them: refreshed; not due (already
   * renewed by a call that needed it); busy (being refreshed elsewhere right now); failed (claim left to lapse, so it
   * is retried soon); dropped (revoked or needing re-authorization, taken out of the index).
   */
  readonly authorizers: { refreshed: number; notDue: number; busy: number; failed: number; dropped: number };
}

/**
 * Refreshes access tokens before they expire: the component token, and the authorizer tokens that are due, found
 * through an index ordered by due time (O(log n + due) per page, never a scan of all authorizers).
 *
 * Every instance may run the job: due entries are claimed a page at a time in one atomic step, so each is handled by
 * one instance, and a claim lapses by itself if that instance dies. Per token, a lease lock and a second look under it
 * make sure a token renewed meanwhile (by a call that needed it) is not renewed twice. Work is bounded per instance
 * by `concurrency` and `maxPerPass`, and for all instances together by `rateLimitPerSecond`; due times are spread by
 * a per-token jitter (`spreadSeconds`), so tokens obtained in one burst do not come due in one burst again.
 */
@Injectable()
export class TokenRefreshScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TokenRefreshScheduler');
  private readonly settings: ResolvedRefreshOptions;
  private running: Promise<RefreshPassSummary> | undefined;

  constructor(
    private readonly jobs: ScheduledJobs,
    private readonly componentToken: ComponentTokenProvider,
    private readonly authorizerTokens: AuthorizerTokens,
    private readonly tickets: VerifyTicketStore,
    private readonly limiter: RateLimiter,
    private readonly timing: RefreshTiming,
    private readonly keys: StoreKeys,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.settings = options.refresh || DEFAULTS.refresh;
  }

  /** Name of the cron job (in the application's `SchedulerRegistry` when it has one). */
  get jobName(): string {
    return `wechat-component:${this.options.componentAppId}:token-refresh`;
  }

  onApplicationBootstrap(): void {
    if (!this.options.refresh) return;
    this.jobs.start(this.jobName, this.options.refresh.cron, () => void this.tick());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.stop(this.jobName);
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
      this.logger.error(`Refresh pass failed: ${errorMessage(error)}`);
    }
  }

  private async pass(): Promise<RefreshPassSummary> {
    const { concurrency, maxPerPass } = this.settings;
    const component = await this.refreshComponent();
    const authorizers = { refreshed: 0, notDue: 0, busy: 0, failed: 0, dropped: 0 };
    const claims = new DueClaims(this.backend, this.keys.refreshDueIndex, {
      pageSize: Math.min(1000, Math.max(50, concurrency * 4)),
      max: maxPerPass,
      claimMs: this.options.timings.refreshClaimMs,
    });
    const worker = async (): Promise<void> => {
      for (let appId = await claims.next(); appId !== undefined; appId = await claims.next()) {
        await this.limiter.acquire();
        const outcome = await this.refreshAuthorizer(appId);
        if (outcome === 'not-due') authorizers.notDue++;
        else authorizers[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { component, authorizers };
  }

  private async refreshComponent(): Promise<RefreshPassSummary['component']> {
    if (!(await this.tickets.get())) return 'skipped';
    try {
      // The same due rule as every authorizer token's (one rule for every token).
      return await this.componentToken.refreshIfDue((record) => this.timing.isDue(this.options.componentAppId, record, this.clock.now()));
    } catch (error) {
      this.logger.warn(`Component token refresh failed: ${errorMessage(error)}`);
      return 'failed';
    }
  }

  private async refreshAuthorizer(appId: string): Promise<RefreshOutcome | 'failed' | 'dropped'> {
    try {
      return await this.authorizerTokens.refreshIfDue(appId);
    } catch (error) {
      if (
        error instanceof AuthorizerRevokedError ||
        error instanceof AuthorizerNotFoundError ||
        error instanceof AuthorizerReauthorizationRequiredError
      ) {
        // Nothing to refresh until the account authorizes again.
        await this.authorizerTokens.unschedule(appId);
        return 'dropped';
      }
      this.logger.warn(`Authorizer ${appId} token refresh failed (retried once its claim lapses): ${errorMessage(error)}`);
      return 'failed';
    }
  }
}

