import { DiscoveryService } from '@nestjs/core';
import type { ComponentEventType } from './component-event.types.js';

/** The InfoTypes a handler runs for, or `'*'` for all. */
export type ComponentEventSelector = readonly string[] | '*';

/** Metadata written by {@link OnComponentEvent}. */
export interface ComponentEventHandlerMetadata {
  readonly selector: ComponentEventSelector;
  /** The named registration whose events it handles; undefined for every registration. */
  readonly platform?: string;
}

/** Options of {@link OnComponentEvent}. */
export interface OnComponentEventOptions {
  /**
   * With several platforms in one app (`forRoot({ name })`), only the events of the registration with this name.
   * Default: the events of every registration (each event carries its `componentAppId`).
   */
  readonly platform?: string;
}

/** The discoverable decorator behind {@link OnComponentEvent}. */
export const ComponentEventHandler = DiscoveryService.createDecorator<ComponentEventHandlerMetadata>();

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
export function OnComponentEvent(
  types: ComponentEventType | readonly ComponentEventType[] | '*',
  options: OnComponentEventOptions = {},
): MethodDecorator {
  const selector = types === '*' ? '*' : typeof types === 'string' ? [types] : [...types];
  return ComponentEventHandler({ selector, ...(options.platform !== undefined ? { platform: options.platform } : {}) });
}
