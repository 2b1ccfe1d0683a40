import { Controller, Get } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { WeChatComponentHealthIndicator } from 'nestjs-wechat-component/health';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly wechat: WeChatComponentHealthIndicator,
  ) {}

  /**
   * Terminus' answer: 200 `{ status: 'ok', info: { wechat: { status: 'up', ticketAgeMs, … } } }`, or 503 with
   * `status: 'error'` when the store does not answer within a second (a Redis outage) — never a hanging request.
   */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.wechat.isHealthy('wechat')]);
  }
}
