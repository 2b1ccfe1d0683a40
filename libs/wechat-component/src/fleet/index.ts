// The public surface of nestjs-wechat-component/fleet: releasing code to many mini programs on BullMQ. A separate
// entry point, so applications that do not import it never load BullMQ. Every name is listed (runtime ones are held
// by test/public-surface.spec.ts).

// The module, its options, and the queue's name (for `@InjectQueue(FLEET_QUEUE)`).
export { WeChatFleetModule, type WeChatFleetModuleAsyncOptions } from './fleet.module.js';
export { FLEET_QUEUE, type WeChatFleetModuleOptions, type FleetConnection } from './fleet.options.js';

// Campaigns: starting, steering and reading them.
export { FleetReleaseService } from './fleet-release.service.js';
export type {
  CampaignStatus,
  CampaignSummary,
  CampaignView,
  ExtJson,
  FleetActionResult,
  FleetAppError,
  FleetAppState,
  FleetAppView,
  FleetQuotaView,
  ReleasePlan,
  ReleaseStage,
  StartCampaignRequest,
  StopRule,
} from './fleet.types.js';

// Campaign and app events: the handler decorator and narrowing.
export { OnFleetEvent } from './on-fleet-event.decorator.js';
export {
  isFleetAppEvent,
  type FleetAppEvent,
  type FleetAppEventType,
  type FleetCampaignEvent,
  type FleetCampaignEventType,
  type FleetEvent,
  type FleetEventOf,
  type FleetEventType,
} from './fleet-event.types.js';

// Errors (each extends WeChatComponentError).
export { FleetConfigError, CampaignNotFoundError, CampaignStateError, InvalidCampaignError } from './fleet.errors.js';
