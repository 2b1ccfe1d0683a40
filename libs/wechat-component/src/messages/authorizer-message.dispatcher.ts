import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from '../common/clock.js';
import { settlesWithin } from '../common/deadline.js';
import { errorMessage, errorStack } from '../common/error-text.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import type { AuthorizerReplyObject } from './authorizer-reply.types.js';
import { type NormalizedSelector, selectorMatches, selectorSpecificity } from './message-selector.js';
import { InvalidReplyError, toReplyObject } from './render-reply.js';

interface RegisteredHandler {
  readonly selector: NormalizedSelector;
  readonly name: string;
  readonly specificity: number;
  readonly invoke: (message: AuthorizerMessage) => unknown;
}

/** What the handlers of one message decided. */
export interface DispatchOutcome {
  /** The winning reply, if any handler replied in time. */
  readonly reply?: AuthorizerReplyObject;
  /** `ClassName.method` of the handler whose reply won. */
  readonly repliedBy?: string;
  /** Handlers still running when the budget ended. */
  readonly late: readonly string[];
}

/**
 * Runs the `@OnAuthorizerMessage` handlers matching a message, all at once, and picks the reply: the most specific
 * selector among those that replied before the deadline, ties to the handler registered first. Handler errors and
 * malformed replies are logged and count as no reply; late handlers keep running and their replies are dropped.
 */
@Injectable()
export class AuthorizerMessageDispatcher {
  private readonly logger = new Logger('AuthorizerMessageDispatcher');
  private readonly handlers: RegisteredHandler[] = [];

  constructor(@Inject(CLOCK) private readonly clock: Clock = systemClock) {}

  register(selector: NormalizedSelector, name: string, invoke: (message: AuthorizerMessage) => unknown): void {
    this.handlers.push({ selector, name, specificity: selectorSpecificity(selector), invoke });
  }


  /** Runs the matching handlers until they are all done or `deadline` (epoch ms) passes. */
  async dispatch(message: AuthorizerMessage, deadline: number): Promise<DispatchOutcome> {
    const matching = this.handlers.filter((handler) => selectorMatches(handler.selector, message));
    if (matching.length === 0) return { late: [] };
    const settled = new Map<RegisteredHandler, AuthorizerReplyObject | undefined>();
    let answered = false;
    // Handlers that answer synchronously (most do) are settled here; only the others need the budget's timer.
    const running: Promise<void>[] = [];
    for (const handler of matching) {
      const outcome = this.run(handler, message);
      if (!(outcome instanceof Promise)) {
        settled.set(handler, outcome);
        continue;
      }
      running.push(
        outcome.then((reply) => {
          settled.set(handler, reply);
          if (answered && reply) {
            this.logger.warn(`${handler.name} replied after the reply budget; the reply was dropped (send it with the customer-service API)`);
          }
        }),
      );
    }
    if (running.length > 0) await settlesWithin(Promise.all(running), deadline - this.clock.now());
    answered = true;

    const winner = [...matching]
      .filter((handler) => settled.get(handler) !== undefined)
      .sort((a, b) => b.specificity - a.specificity)[0];
    const late = matching.filter((handler) => !settled.has(handler)).map((handler) => handler.name);
    if (late.length > 0) {
      this.logger.warn(
        `${describe(message)}: ${late.join(', ')} still running at the reply budget; ` +
          `answering WeChat with ${winner ? `the reply of ${winner.name}` : 'success'} (they keep running)`,
      );
    }
    return winner ? { reply: settled.get(winner), repliedBy: winner.name, late } : { late };
  }

  /** A handler's reply: at once when it answers synchronously, else a promise of it. Never throws or rejects. */
  private run(handler: RegisteredHandler, message: AuthorizerMessage): AuthorizerReplyObject | undefined | Promise<AuthorizerReplyObject | undefined> {
    let result: unknown;
    try {
      result = handler.invoke(message);
    } catch (error) {
      return this.failed(handler, message, error);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (value) => this.replyOf(handler, message, value),
        (error: unknown) => this.failed(handler, message, error),
      );
    }
    return this.replyOf(handler, message, result);
  }

  private replyOf(handler: RegisteredHandler, message: AuthorizerMessage, value: unknown): AuthorizerReplyObject | undefined {
    try {
      return toReplyObject(value);
    } catch (error) {
      return this.failed(handler, message, error);
    }
  }

  private failed(handler: RegisteredHandler, message: AuthorizerMessage, error: unknown): undefined {
    if (error instanceof InvalidReplyError) {
      this.logger.error(`${handler.name} returned an invalid reply on ${describe(message)}: ${error.message}`);
    } else {
      this.logger.error(`${handler.name} failed on ${describe(message)}: ${errorMessage(error)}`, errorStack(error));
    }
    return undefined;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/** Safe to log: kind and account, never the content. */
export function describe(message: AuthorizerMessage): string {
  return `${message.msgType === 'event' ? `event ${message.event}` : message.msgType} to ${message.appId}`;
}
