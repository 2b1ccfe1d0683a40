// The public surface of nestjs-wechat-component/fleet: releasing code to many mini programs on BullMQ. A separate
// entry point, so applications that do not import it never load BullMQ.
export { WeChatFleetModule, type WeChatFleetModuleAsyncOptions } from './fleet.module.js';
export { FLEET_QUEUE, FLEET_DEFAULTS, type WeChatFleetModuleOptions, type FleetConnection } from './fleet.options.js';
export { FleetReleaseService } from './fleet-release.service.js';
export { OnFleetEvent } from './on-fleet-event.decorator.js';
export { isFleetAppEvent } from './fleet-event.types.js';
export type * from './fleet-event.types.js';
export { FLEET_APP_STATES, FINAL_APP_STATES } from './fleet.types.js';
export type * from './fleet.types.js';
export { FleetConfigError, CampaignNotFoundError, CampaignStateError, InvalidCampaignError } from './fleet.errors.js';
