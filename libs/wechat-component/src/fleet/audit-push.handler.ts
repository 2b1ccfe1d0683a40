import { Injectable, Logger } from '@nestjs/common';
import type { WeappAuditDelayEvent, WeappAuditFailEvent, WeappAuditSuccessEvent } from '../messages/authorizer-message.types.js';
import { OnAuthorizerMessage } from '../messages/on-authorizer-message.decorator.js';
import { FleetJobs } from './fleet-jobs.js';
import { FleetStore } from './fleet-store.js';

const EVENTS = { weapp_audit_success: 'success', weapp_audit_fail: 'fail', weapp_audit_delay: 'delay' } as const;

/**
 * Audit results pushed to the message URL (any instance's) advance the right app: the push is kept with the app's
 * record and its job is woken, so the step that acts on it runs at once on whichever instance takes it. A push
 * for an app in no campaign, or not in review, changes nothing. If this fails (Redis down), the app's poll of
 * `get_auditstatus` still finds the result.
 */
@Injectable()
export class AuditPushHandler {
  private readonly logger = new Logger('WeChatFleetAuditPush');

  constructor(
    private readonly store: FleetStore,
    private readonly jobs: FleetJobs,
  ) {}

  @OnAuthorizerMessage({ event: ['weapp_audit_success', 'weapp_audit_fail', 'weapp_audit_delay'] })
  async onAuditResult(event: WeappAuditSuccessEvent | WeappAuditFailEvent | WeappAuditDelayEvent): Promise<void> {
    const campaignId = await this.store.campaignOf(event.appId);
    if (campaignId === undefined) return;
    const result = await this.store.hint(campaignId, event.appId, {
      event: EVENTS[event.event],
      ...(event.event === 'weapp_audit_success' ? {} : { reason: event.reason }),
      ...(event.event === 'weapp_audit_fail' && event.screenShot ? { screenshot: event.screenShot } : {}),
      createTime: event.createTime,
    });
    if (result.gen === undefined) {
      this.logger.log(`${event.event} for ${event.appId} (campaign ${campaignId}) changes nothing: ${result.outcome}`);
      return;
    }
    await this.jobs.wake(campaignId, [{ appId: event.appId, gen: result.gen }]);
  }
}
