import { Injectable, Logger } from '@nestjs/common';
import { settlesWithin } from '../common/deadline.js';
import { errorMessage, errorStack } from '../common/error-text.js';
import type { ComponentEvent } from './component-event.types.js';
import type { ComponentEventSelector } from './on-component-event.decorator.js';

interface RegisteredHandler {
  readonly selector: ComponentEventSelector;
  readonly name: string;
  readonly invoke: (event: ComponentEvent) => unknown;
}

/**
 * Runs the `@OnComponentEvent` handlers matching a push, all at once. A failing handler is logged and never fails
 * the push (WeChat would retry it); handlers still running after the budget keep running, with a warning.
 */
@Injectable()
export class ComponentEventDispatcher {
  private readonly logger = new Logger('ComponentEventDispatcher');
  private readonly handlers: RegisteredHandler[] = [];

  register(selector: ComponentEventSelector, name: string, invoke: (event: ComponentEvent) => unknown): void {
    this.handlers.push({ selector, name, invoke });
  }


  async dispatch(event: ComponentEvent, budgetMs: number): Promise<void> {
    const matching = this.handlers.filter((h) => h.selector === '*' || h.selector.includes(event.infoType));
    if (matching.length === 0) return;
    const runs = matching.map((handler) => this.run(handler, event));
    if (!(await settlesWithin(Promise.all(runs), budgetMs))) {
      this.logger.warn(`${event.infoType}: handlers still running after ${budgetMs} ms; answering WeChat without them`);
    }
  }

  private async run(handler: RegisteredHandler, event: ComponentEvent): Promise<void> {
    try {
      await handler.invoke(event);
    } catch (error) {
      this.logger.error(`${handler.name} failed on ${event.infoType}: ${errorMessage(error)}`, errorStack(error));
    }
  }
}
