import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-text.js';
import { isWeChatApiError, WeChatErrorCode } from '../errors/wechat-api.error.js';
import { ComponentVerifyTicketMissingError } from '../errors/wechat-component.errors.js';
import type { AccessTokenSource } from '../http/wechat-request.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import { STORE_BACKEND } from '../store/store-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import { TokenKeeper, type ManagedToken } from './token-keeper.js';
import type { FetchedToken, TokenRecord } from './token-record.js';
import { COMPONENT_TOKEN_ISSUER, type ComponentTokenIssuer } from './token-issuers.js';
import { VerifyTicketStore } from '../store/verify-ticket.store.js';
import { CLOCK, type Clock } from '../common/clock.js';

// api_start_push_ticket is rate-limited by WeChat; asking more than once a minute (from all instances) helps nobody.
const PUSH_REQUEST_INTERVAL_MS = 60_000;

/** The component access token: fetched with appid + secret + the latest ticket, kept by the {@link TokenKeeper}. */
@Injectable()
export class ComponentTokenProvider implements AccessTokenSource {
  readonly queryName = 'component_access_token' as const;
  private readonly logger = new Logger('ComponentTokenProvider');
  private readonly managed: ManagedToken;

  constructor(
    @Inject(COMPONENT_TOKEN_ISSUER) private readonly issuer: ComponentTokenIssuer,
    private readonly keeper: TokenKeeper,
    private readonly tickets: VerifyTicketStore,
    private readonly keys: StoreKeys,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.managed = { key: keys.componentToken, label: 'component', fetch: () => this.fetchFromWeChat() };
  }

  getToken(): Promise<string> {
    return this.keeper.getToken(this.managed);
  }

  invalidate(token: string): Promise<void> {
    return this.keeper.invalidate(this.managed, token);
  }

  /** Fetches a new component token now. */
  forceRefresh(): Promise<TokenRecord> {
    return this.keeper.forceRefresh(this.managed);
  }

  read(): Promise<TokenRecord | undefined> {
    return this.keeper.read(this.managed);
  }

  refreshIfDue(isDue: (record: TokenRecord) => boolean): ReturnType<TokenKeeper['refreshIfDue']> {
    return this.keeper.refreshIfDue(this.managed, isDue);
  }

  /** Asks WeChat to (re)start the ticket pushes and push one now. */
  startPushTicket(): Promise<void> {
    return this.issuer.startPushTicket();
  }

  private async fetchFromWeChat(): Promise<FetchedToken> {
    const ticket = await this.tickets.get();
    if (!ticket) {
      this.requestTicketPush();
      throw new ComponentVerifyTicketMissingError(this.options.componentAppId);
    }
    try {
      const answer = await this.issuer.getComponentToken(ticket);
      return { token: answer.component_access_token, expiresInSeconds: answer.expires_in };
    } catch (error) {
      // The stored ticket expired or was refused: only a fresh push helps.
      if (isWeChatApiError(error, WeChatErrorCode.COMPONENT_TICKET_EXPIRED) || isWeChatApiError(error, WeChatErrorCode.COMPONENT_TICKET_INVALID)) {
        this.requestTicketPush();
      }
      throw error;
    }
  }

  /**
   * Asks WeChat for a ticket push, at most once a minute across every instance sharing the store (WeChat limits
   * api_start_push_ticket). Not waited for: the caller's error stands either way.
   */
  requestTicketPush(): void {
    this.backend
      .setIfAbsent(this.keys.ticketPushRequested, { at: this.clock.now() }, PUSH_REQUEST_INTERVAL_MS)
      .then((first) => (first ? this.startPushTicket() : undefined))
      .catch((error: unknown) => this.logger.warn(`api_start_push_ticket failed: ${errorMessage(error)}`));
  }
}
