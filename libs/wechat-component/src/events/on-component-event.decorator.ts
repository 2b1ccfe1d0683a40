import { DiscoveryService } from '@nestjs/core';
import type { ComponentEventType } from './component-event.types.js';

/** Metadata written by {@link OnComponentEvent}: the InfoTypes handled, or `'*'` for all. */
export type ComponentEventSelector = readonly string[] | '*';

/** The discoverable decorator behind {@link OnComponentEvent}. */
export const ComponentEventHandler = DiscoveryService.createDecorator<ComponentEventSelector>();

/**
 * Runs the decorated provider method for pushes to the authorization event URL of the given `InfoType`(s), or all
 * of them with `'*'`. The method receives the typed {@link ComponentEvent}; it runs after the module has acted on
 * the push (ticket stored, authorization exchanged, tokens of a revoked account deleted). Errors are logged and do
 * not stop other handlers.
 *
 * @example
 * ```ts
 * @OnComponentEvent('unauthorized')
 * onRevoked(event: UnauthorizedEvent) { … }
 * ```
 */
export function OnComponentEvent(types: ComponentEventType | readonly ComponentEventType[] | '*'): MethodDecorator {
  return ComponentEventHandler(types === '*' ? '*' : typeof types === 'string' ? [types] : [...types]);
}
