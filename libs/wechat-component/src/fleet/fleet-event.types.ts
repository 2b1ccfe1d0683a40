import type { FleetAppError, FleetAppState } from './fleet.types.js';

/** What happened to one app of a campaign. */
export interface FleetAppEvent<T extends FleetAppEventType = FleetAppEventType> {
  readonly type: T;
  readonly campaignId: string;
  readonly appId: string;
  /** The app's state after the event. */
  readonly state: FleetAppState;
  readonly auditId?: number;
  /** `app.failed`: why. `app.delayed`: the reviewer's note as `reason`. */
  readonly error?: FleetAppError;
  /** `app.released`: the version now released. */
  readonly userVersion?: string;
  /** Epoch ms. */
  readonly at: number;
}

/** What happened to a campaign. */
export interface FleetCampaignEvent<T extends FleetCampaignEventType = FleetCampaignEventType> {
  readonly type: T;
  readonly campaignId: string;
  /** `campaign.paused`: by whom or which rule. */
  readonly reason?: string;
  readonly at: number;
}

/**
 * App events: committed, submitted (for audit), delayed (the reviewer delayed it), approved, released, failed,
 * withdrawn, rolled-back, cancelled.
 */
export type FleetAppEventType =
  | 'app.committed'
  | 'app.submitted'
  | 'app.delayed'
  | 'app.approved'
  | 'app.released'
  | 'app.failed'
  | 'app.withdrawn'
  | 'app.rolled-back'
  | 'app.cancelled';

/** Campaign events: started, paused (by a person or the stop rule), resumed, completed (every app final), cancelled. */
export type FleetCampaignEventType = 'campaign.started' | 'campaign.paused' | 'campaign.resumed' | 'campaign.completed' | 'campaign.cancelled';

export type FleetEventType = FleetAppEventType | FleetCampaignEventType;

/** Any fleet event. */
export type FleetEvent = FleetAppEvent | FleetCampaignEvent;

/** The event a handler of `T` receives. */
export type FleetEventOf<T extends FleetEventType> = T extends FleetAppEventType ? FleetAppEvent<T> : T extends FleetCampaignEventType ? FleetCampaignEvent<T> : never;

/** True for app events. */
export function isFleetAppEvent(event: FleetEvent): event is FleetAppEvent {
  return event.type.startsWith('app.');
}
