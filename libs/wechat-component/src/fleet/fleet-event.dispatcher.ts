import { Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-text.js';
import type { FleetEvent } from './fleet-event.types.js';
import type { FleetEventSelector } from './on-fleet-event.decorator.js';

interface RegisteredHandler {
  readonly selector: FleetEventSelector;
  readonly name: string;
  readonly invoke: (event: FleetEvent) => unknown;
}

/** Runs the `@OnFleetEvent` handlers matching an event; a failing handler is logged and changes nothing. */
@Injectable()
export class FleetEventDispatcher {
  private readonly logger = new Logger('FleetEventDispatcher');
  private readonly handlers: RegisteredHandler[] = [];

  register(selector: FleetEventSelector, name: string, invoke: (event: FleetEvent) => unknown): void {
    this.handlers.push({ selector, name, invoke });
  }

  /** Starts the matching handlers and returns at once: a step never waits for the application's handlers. */
  emit(event: FleetEvent): void {
    for (const handler of this.handlers) {
      if (handler.selector !== '*' && !handler.selector.includes(event.type)) continue;
      void this.run(handler, event);
    }
  }

  private async run(handler: RegisteredHandler, event: FleetEvent): Promise<void> {
    try {
      await handler.invoke(event);
    } catch (error) {
      this.logger.error(`${handler.name} failed on ${event.type} of campaign ${event.campaignId}: ${errorMessage(error)}`);
    }
  }
}
