import { DiscoveryService } from '@nestjs/core';
import type { FleetEventType } from './fleet-event.types.js';

/** Metadata written by {@link OnFleetEvent}: the event types handled, or `'*'` for all. */
export type FleetEventSelector = readonly FleetEventType[] | '*';

/** The discoverable decorator behind {@link OnFleetEvent}. */
export const FleetEventHandler = DiscoveryService.createDecorator<FleetEventSelector>();

/**
 * Runs the decorated provider method when a release campaign reaches the given event(s), or every event with
 * `'*'`. The method receives a {@link FleetAppEvent} or {@link FleetCampaignEvent}. Each event is delivered once, on
 * the instance that made the change (after it is stored); an instance that dies between the two loses it, so treat
 * events as notifications and `getCampaign` as the truth. Errors are logged and change nothing.
 *
 * @example
 * ```ts
 * @OnFleetEvent('app.failed')
 * alert(event: FleetAppEvent) { … event.error?.reason … }
 * ```
 */
export function OnFleetEvent(types: FleetEventType | readonly FleetEventType[] | '*'): MethodDecorator {
  return FleetEventHandler(types === '*' ? '*' : typeof types === 'string' ? [types] : [...types]);
}
