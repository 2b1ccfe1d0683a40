import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { ComponentHealth } from '../component/component-health.js';
import { ComponentService } from '../component/component.service.js';
import { getPlatformToken } from '../options/named-platforms.js';

/** Options of {@link WeChatComponentHealthIndicator.isHealthy}. */
export interface WeChatComponentHealthCheckOptions {
  /** How long the store may take to answer, in milliseconds; longer is `down`. Default 1000. */
  readonly timeoutMs?: number;
  /**
   * `down` when no ticket is stored or the stored one is older than this many milliseconds: WeChat's pushes are not
   * arriving (it pushes every 10 minutes; a ticket is valid for 12 hours). Not checked by default — a new platform
   * has no ticket for up to 10 minutes, and a readiness probe requiring one would keep the very pushes that bring it
   * away. A liveness or alerting check might use e.g. 3_600_000.
   */
  readonly maxTicketAgeMs?: number;
  /**
   * `down` when no usable component access token is stored. Default false: the token is fetched on first use, so
   * its absence is normal on a quiet platform.
   */
  readonly requireComponentToken?: boolean;
  /** With several platforms in one app (`forRoot({ name })`): the registration to check. Default: the unnamed one. */
  readonly platform?: string;
}

/**
 * A `@nestjs/terminus` health indicator for the platform: `up` when the store answers within the timeout (and, when
 * asked, a fresh enough ticket and a usable component token are stored), `down` otherwise — within the timeout, also
 * when the store hangs. Its details: `store`, `storeReachable`, `ticketAgeMs`, `componentToken`,
 * `componentTokenExpiresInMs`, and a `message` saying what is wrong when `down`.
 *
 * Import it from `nestjs-wechat-component/health` (which needs `@nestjs/terminus` ≥ 11) and provide it where
 * `ComponentService` can be injected, beside `TerminusModule`:
 *
 * @example
 * ```ts
 * @Controller('health')
 * class HealthController {
 *   constructor(private readonly health: HealthCheckService, private readonly wechat: WeChatComponentHealthIndicator) {}
 *
 *   @Get()
 *   @HealthCheck()
 *   check() {
 *     return this.health.check([() => this.wechat.isHealthy('wechat')]);
 *   }
 * }
 * ```
 */
@Injectable()
export class WeChatComponentHealthIndicator {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** The platform's health under `key` (e.g. `'wechat'`). Never throws; answers within `options.timeoutMs`. */
  async isHealthy<const Key extends string>(key: Key, options: WeChatComponentHealthCheckOptions = {}): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    // Looked up per check (not injected) so one indicator serves every registration, named or not, imported anywhere.
    const component = this.moduleRef.get<ComponentService>(getPlatformToken(ComponentService, options.platform), { strict: false });
    const health = await component.getHealth({ timeoutMs: options.timeoutMs });
    const details = {
      store: health.store,
      storeReachable: health.storeReachable,
      ticketAgeMs: health.ticketAgeMs,
      componentToken: health.componentToken,
      componentTokenExpiresInMs: health.componentTokenExpiresInMs,
    };
    const problems = problemsOf(health, options);
    return problems.length === 0 ? indicator.up(details) : indicator.down({ ...details, message: problems.join('; ') });
  }
}

function problemsOf(health: ComponentHealth, options: WeChatComponentHealthCheckOptions): string[] {
  if (!health.storeReachable) return [`store unreachable: ${health.storeError ?? 'no answer'}`];
  const problems: string[] = [];
  const { maxTicketAgeMs } = options;
  if (maxTicketAgeMs !== undefined) {
    if (health.ticketAgeMs === null) problems.push('no verify ticket stored: pushes to the authorization event URL do not arrive');
    else if (health.ticketAgeMs > maxTicketAgeMs) {
      problems.push(`verify ticket is ${Math.round(health.ticketAgeMs / 1000)} s old: pushes to the authorization event URL stopped`);
    }
  }
  if (options.requireComponentToken && !health.componentToken) problems.push('no usable component access token stored');
  return problems;
}
