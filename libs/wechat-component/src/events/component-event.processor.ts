import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ComponentEventDispatcher } from './component-event.dispatcher.js';
import {
  isAuthorizationEvent,
  isFastRegisterEvent,
  isUnauthorizedEvent,
  isVerifyTicketEvent,
} from './component-event.guards.js';
import type { AuthorizationResult, ComponentEvent } from './component-event.types.js';
import { isWeChatApiError, WeChatErrorCode } from '../errors/wechat-api.error.js';
import { parseComponentEvent } from './parse-component-event.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { PushDecoder, type PushQuery } from '../push/push-decoder.js';
import type { PushOnce } from '../push/push-once.js';
import { RetrySummary } from '../push/retry-summary.js';
import { StoreKeys } from '../store/store-keys.js';
import { AuthorizationExchange } from '../component/authorization-exchange.js';
import { AuthorizerRegistry } from '../store/authorizer-registry.js';
import { AuthorizerTokens } from '../token/authorizer-tokens.js';
import { VerifyTicketStore } from '../store/verify-ticket.store.js';
import { CLOCK, type Clock } from '../common/clock.js';

/** Injection token of the {@link PushOnce} that keeps authorization-event pushes to one handling. */
export const EVENT_PUSH_ONCE = Symbol('WECHAT_COMPONENT_EVENT_PUSH_ONCE');

// A retry waits this long for the first delivery to finish acting before it is answered 5xx (WeChat waits 5 s).
const RETRY_WAIT_MS = 3_000;

/**
 * Handles a push to the authorization event URL: verify and open it, act on it (store the ticket, exchange the
 * authorization code, forget a revoked account), then run the `@OnComponentEvent` handlers. A push is acted on once
 * across all instances and acknowledged only once acted on (see {@link PushOnce}); authorization events apply in
 * CreateTime order — one older than the last applied to the account changes nothing.
 */
@Injectable()
export class ComponentEventProcessor implements OnModuleDestroy {
  private readonly logger = new Logger('ComponentEventProcessor');
  private readonly retries = new RetrySummary(this.logger, 'retries of handled authorization events');

  constructor(
    private readonly decoder: PushDecoder,
    private readonly tickets: VerifyTicketStore,
    private readonly exchange: AuthorizationExchange,
    private readonly authorizerTokens: AuthorizerTokens,
    private readonly registry: AuthorizerRegistry,
    private readonly dispatcher: ComponentEventDispatcher,
    private readonly keys: StoreKeys,
    @Inject(EVENT_PUSH_ONCE) private readonly once: PushOnce,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    @Inject(CLOCK) private readonly clock: Clock,
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
    let event: ComponentEvent = parsed;
    // A ticket is stored by a conditional write (only a newer CreateTime replaces the stored one), so storing it again
    // for a retry changes nothing: that write goes out with the claim — one round trip to Redis instead of two in a
    // row — and the push is still acknowledged only once the ticket is stored (the claim's holder awaits it).
    const ticketSaved = isVerifyTicketEvent(parsed) ? this.tickets.save(parsed.ticket, parsed.createTime) : undefined;
    ticketSaved?.catch(() => undefined); // a retry (or a delivery whose claim failed) does not wait for it
    // The marker records only that the push was acted on; the event itself (with the ticket in it) stays here.
    const { duplicate } = await this.once.run(marker, this.clock.now() + RETRY_WAIT_MS, async () => {
      if (ticketSaved) await ticketSaved;
      else event = await this.act(parsed);
      return true;
    });
    if (duplicate) {
      this.retries.record();
      return parsed;
    }
    await this.dispatcher.dispatch(event, this.options.events.handlerTimeoutMs);
    return event;
  }

  onModuleDestroy(): void {
    this.retries.flush();
  }

  /** Acts on an event other than the ticket's (stored alongside the claim, in `process`). */
  private async act(event: ComponentEvent): Promise<ComponentEvent> {
    const { autoQueryAuth } = this.options.events;
    const eventAt = event.createTime * 1000;
    if (isAuthorizationEvent(event) && autoQueryAuth) {
      if (await this.isOutdated(event.authorizerAppId, eventAt, event.infoType)) return event;
      return { ...event, authorization: await this.exchangeCode(event.authorizationCode, event.authorizerAppId, eventAt) };
    } else if (isUnauthorizedEvent(event)) {
      const revocation = await this.registry.recordRevocation(event.authorizerAppId, eventAt);
      if (revocation.written) {
        await this.authorizerTokens.forget(event.authorizerAppId);
        this.logger.log(`Authorizer ${event.authorizerAppId} revoked the authorization`);
      } else {
        this.logger.log(`Authorizer ${event.authorizerAppId}: unauthorized of ${event.createTime} is older than the authorization applied, or repeated; nothing changed`);
      }
    } else if (isFastRegisterEvent(event) && event.status === 0 && event.authCode && autoQueryAuth) {
      return { ...event, authorization: await this.exchange.queryAuth(event.authCode, eventAt) };
    }
    return event;
  }

  /**
   * Exchanges the push's code; when WeChat says it was used already (61009) — an earlier delivery exchanged it and
   * died before recording the result — registers the account from what WeChat holds for it instead.
   */
  private async exchangeCode(code: string, authorizerAppId: string, eventAt: number): Promise<AuthorizationResult> {
    try {
      return await this.exchange.queryAuth(code, eventAt);
    } catch (error) {
      if (!isWeChatApiError(error, WeChatErrorCode.AUTHORIZATION_CODE_INVALID)) throw error;
      this.logger.warn(`Authorizer ${authorizerAppId}: authorization code already used (61009); registering from api_get_authorizer_info`);
      return this.exchange.recoverFromAuthorizerInfo(authorizerAppId, eventAt);
    }
  }

  /** True (and logged) when an event newer than `eventAt` was applied to the account already. */
  private async isOutdated(appId: string, eventAt: number, infoType: string): Promise<boolean> {
    const record = await this.registry.get(appId);
    if (!record || eventAt >= record.lastEventAt) return false;
    this.logger.log(`Authorizer ${appId}: ${infoType} of ${eventAt / 1000} is older than the last event applied; nothing changed`);
    return true;
  }
}
