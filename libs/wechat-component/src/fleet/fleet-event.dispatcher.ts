import { Injectable, Logger } from '@nestjs/common';
import { EventHandlerRegistry } from '../common/event-handler-registry.js';
import type { FleetEvent } from './fleet-event.types.js';
import type { FleetEventSelector } from './on-fleet-event.decorator.js';

/** Runs the `@OnFleetEvent` handlers matching an event; a failing handler is logged and changes nothing. */
@Injectable()
export class FleetEventDispatcher {
  private readonly handlers = new EventHandlerRegistry<FleetEvent>(
    new Logger('FleetEventDispatcher'),
    (event) => event.type,
    (event) => `${event.type} of campaign ${event.campaignId}`,
  );

  register(selector: FleetEventSelector, name: string, invoke: (event: FleetEvent) => unknown): void {
    this.handlers.register(selector, name, invoke);
  }

  /** Starts the matching handlers and returns at once: a step never waits for the application's handlers. */
  emit(event: FleetEvent): void {
    this.handlers.start(event);
  }
}
