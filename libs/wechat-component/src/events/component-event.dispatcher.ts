import { Injectable, Logger } from '@nestjs/common';
import { settlesWithin } from '../common/deadline.js';
import { EventHandlerRegistry } from '../common/event-handler-registry.js';
import type { ComponentEvent } from './component-event.types.js';
import type { ComponentEventSelector } from './on-component-event.decorator.js';

/**
 * Runs the `@OnComponentEvent` handlers matching a push, all at once. A failing handler is logged and never fails
 * the push (WeChat would retry it); handlers still running after the budget keep running, with a warning.
 */
@Injectable()
export class ComponentEventDispatcher {
  private readonly logger = new Logger('ComponentEventDispatcher');
  private readonly handlers = new EventHandlerRegistry<ComponentEvent>(
    this.logger,
    (event) => event.infoType,
    (event) => event.infoType,
  );

  register(selector: ComponentEventSelector, name: string, invoke: (event: ComponentEvent) => unknown): void {
    this.handlers.register(selector, name, invoke);
  }

  async dispatch(event: ComponentEvent, budgetMs: number): Promise<void> {
    const runs = this.handlers.start(event);
    if (runs.length === 0) return;
    if (!(await settlesWithin(Promise.all(runs), budgetMs))) {
      this.logger.warn(`${event.infoType}: handlers still running after ${budgetMs} ms; answering WeChat without them`);
    }
  }
}
