import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ComponentEventDispatcher } from '../events/component-event.dispatcher.js';
import {
  isAuthorizationEvent,
  isFastRegisterEvent,
  isUnauthorizedEvent,
  isVerifyTicketEvent,
} from '../events/component-event.guards.js';
import type { ComponentEvent } from '../events/component-event.types.js';
import { parseComponentEvent } from '../events/parse-component-event.js';
import { RESOLVED_OPTIONS, STORE_BACKEND } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { PushDecoder, type PushQuery } from '../push/push-decoder.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import { AuthorizationExchange } from './authorization-exchange.js';
import { AuthorizerTokens } from './authorizer-tokens.js';
import { VerifyTicketStore } from './verify-ticket.store.js';

// WeChat retries an unanswered push within seconds; a handled push is remembered well past that.
const HANDLED_MARKER_MS = 15 * 60_000;

/**
 * Handles a push to the authorization event URL: verify and open it, act on it (store the ticket, exchange the
 * authorization code, forget a revoked account), then run the `@OnComponentEvent` handlers. A retried push (same
 * decrypted content) is acted on once across all instances.
 */
@Injectable()
export class ComponentEventProcessor {
  private readonly logger = new Logger('ComponentEventProcessor');

  constructor(
    private readonly decoder: PushDecoder,
    private readonly tickets: VerifyTicketStore,
    private readonly exchange: AuthorizationExchange,
    private readonly authorizerTokens: AuthorizerTokens,
    private readonly dispatcher: ComponentEventDispatcher,
    private readonly keys: StoreKeys,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /** Verifies, decrypts and parses a push without acting on it. */
  parse(body: string, query: PushQuery): ComponentEvent {
    const push = this.decoder.decode(body, query);
    return parseComponentEvent(push.fields, this.options.componentAppId);
  }

  /** Verifies, acts on and dispatches a push; returns the event (with the authorization result when exchanged). */
  async process(body: string, query: PushQuery): Promise<ComponentEvent> {
    const push = this.decoder.decode(body, query);
    const parsed = parseComponentEvent(push.fields, this.options.componentAppId);
    const marker = this.keys.marker('event', createHash('sha256').update(push.xml).digest('hex'));
    if (!(await this.backend.setIfAbsent(marker, { at: Date.now() }, HANDLED_MARKER_MS))) {
      this.logger.log(`${parsed.infoType}: already handled (a retry); answering success again`);
      return parsed;
    }
    let event: ComponentEvent;
    try {
      event = await this.act(parsed);
    } catch (error) {
      // Let WeChat's own retry try again: the marker must not swallow it.
      await this.backend.delete(marker);
      throw error;
    }
    await this.dispatcher.dispatch(event, this.options.events.handlerTimeoutMs);
    return event;
  }

  private async act(event: ComponentEvent): Promise<ComponentEvent> {
    const { autoQueryAuth } = this.options.events;
    if (isVerifyTicketEvent(event)) {
      await this.tickets.save(event.ticket, event.createTime);
    } else if (isAuthorizationEvent(event) && autoQueryAuth) {
      return { ...event, authorization: await this.exchange.queryAuth(event.authorizationCode) };
    } else if (isUnauthorizedEvent(event)) {
      await this.authorizerTokens.revoke(event.authorizerAppId);
      this.logger.log(`Authorizer ${event.authorizerAppId} revoked the authorization`);
    } else if (isFastRegisterEvent(event) && event.status === 0 && event.authCode && autoQueryAuth) {
      return { ...event, authorization: await this.exchange.queryAuth(event.authCode) };
    }
    return event;
  }
}
