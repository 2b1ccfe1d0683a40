import type { Logger } from '@nestjs/common';
import { errorMessage, errorStack } from './error-text.js';

/** The event types a handler runs for, or `'*'` for all. */
export type EventTypeSelector = readonly string[] | '*';

interface RegisteredHandler<E> {
  readonly selector: EventTypeSelector;
  /** `ClassName.method`, for logs. */
  readonly name: string;
  readonly invoke: (event: E) => unknown;
}

/**
 * The application's handlers of one kind of event (component events, fleet events), each running for the types its
 * selector names: registered at start-up by an explorer, started together for an event. A handler's failure is
 * logged and never reaches the caller, so one handler cannot stop the others or fail what emitted the event.
 */
export class EventHandlerRegistry<E> {
  private readonly handlers: RegisteredHandler<E>[] = [];

  constructor(
    private readonly logger: Logger,
    /** The event's type, matched against the selectors. */
    private readonly typeOf: (event: E) => string,
    /** The event in a failure log line (safe to log: its type and owner, never its content). */
    private readonly describe: (event: E) => string,
  ) {}

  register(selector: EventTypeSelector, name: string, invoke: (event: E) => unknown): void {
    this.handlers.push({ selector, name, invoke });
  }

  /** Starts the handlers of `event`'s type; one promise each, resolved when it is done (never rejected). */
  start(event: E): Promise<void>[] {
    const type = this.typeOf(event);
    return this.handlers.filter(({ selector }) => selector === '*' || selector.includes(type)).map((handler) => this.run(handler, event));
  }

  private async run(handler: RegisteredHandler<E>, event: E): Promise<void> {
    try {
      await handler.invoke(event);
    } catch (error) {
      this.logger.error(`${handler.name} failed on ${this.describe(event)}: ${errorMessage(error)}`, errorStack(error));
    }
  }
}
