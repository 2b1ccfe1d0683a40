import { systemClock, type Clock } from './common/clock.js';
import { Sequence } from './common/sequence.js';
import { MessageCrypto } from './crypto/message-crypto.js';
import { FaultStore } from './faults/fault-store.js';
import { Credentials } from './http/credentials.js';
import { resolveComponent, SANDBOX_DEFAULTS, type ComponentCredentials, type SandboxOptions } from './options.js';
import { AuditResults } from './push/audit-results.js';
import { AuthorizationNotifier } from './push/authorization-notifier.js';
import { EventPusher } from './push/event-pusher.js';
import { MessagePusher } from './push/message-pusher.js';
import { PlatformPushes } from './push/platform-pushes.js';
import { PushDelivery } from './push/push-delivery.js';
import { PushLog } from './push/push-log.js';
import { TicketPusher } from './push/ticket-pusher.js';
import { CallLog } from './recording/call-log.js';
import { ReleaseTestDriver } from './release-test/release-test.js';
import { AccessTokens } from './state/access-tokens.js';
import { AccountStore } from './state/accounts.js';
import { AuthorizerApiState } from './state/api-state.js';
import { Authorizations, type AuthorizationCodeData } from './state/authorizations.js';
import { ExpiringCodes } from './state/expiring-codes.js';
import { OAuthSessions } from './state/oauth-sessions.js';
import { PlatformApiState } from './state/platform/platform-state.js';
import { seedAccounts } from './state/seed.js';
import { SentMessages } from './state/sent-messages.js';
import { applySettingsPatch, WECHAT_SETTINGS, type SandboxSettings, type SettingsPatch } from './state/settings.js';
import { TicketStore } from './state/tickets.js';
import { UsageCounters } from './state/usage.js';

/**
 * One simulated WeChat: all state and behaviour, no HTTP. The Nest controllers are thin adapters over it. Every
 * instance is independent; nothing is module-level.
 */
export class Sandbox {
  readonly clock: Clock;
  readonly component: ComponentCredentials;
  readonly settings: SandboxSettings;
  readonly crypto: MessageCrypto;
  readonly credentials: Credentials;
  readonly accounts: AccountStore;
  readonly tokens: AccessTokens;
  readonly tickets: TicketStore;
  readonly authorizations: Authorizations;
  readonly oauth: OAuthSessions;
  readonly sent: SentMessages;
  readonly usage: UsageCounters;
  readonly faults = new FaultStore();
  /** Ids shared by recorded calls and pushes. */
  readonly sequence = new Sequence();
  readonly calls: CallLog;
  readonly pushes: PushLog;
  readonly events: EventPusher;
  readonly ticketPusher: TicketPusher;
  readonly notifier: AuthorizationNotifier;
  readonly messages: MessagePusher;
  readonly releaseTest: ReleaseTestDriver;
  /** State of the authorizer API groups (followers, media, articles, mini-program code …). */
  readonly apis: AuthorizerApiState;
  /** Decides mini-program audits and pushes the results. */
  readonly audits: AuditResults;
  /** State of the platform APIs (registration, ICP filing, verification, account settings, links, rids …). */
  readonly platform: PlatformApiState;
  /** Decides the platform processes (registrations, filings, audits) and pushes their outcomes. */
  readonly platformPushes: PlatformPushes;
  /** Set once the HTTP server listens: the origin that stands in for api/mp/open.weixin.qq.com. */
  baseUrl = '';

  private readonly stopping = new AbortController();
  private readonly pushTicketOnStart: boolean;
  private initialTicketSent = false;

  constructor(options: SandboxOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.component = resolveComponent(options);
    this.settings = { ...WECHAT_SETTINGS };
    applySettingsPatch(this.settings, {
      ticketIntervalSeconds: options.ticketIntervalSeconds ?? SANDBOX_DEFAULTS.ticketIntervalSeconds,
      componentTokenTtlSeconds: options.componentTokenTtlSeconds ?? SANDBOX_DEFAULTS.componentTokenTtlSeconds,
      authorizerTokenTtlSeconds: options.authorizerTokenTtlSeconds ?? SANDBOX_DEFAULTS.authorizerTokenTtlSeconds,
      rotateRefreshTokens: options.rotateRefreshTokens ?? false,
      ...(options.pushTimeoutMs === undefined ? {} : { pushTimeoutMs: options.pushTimeoutMs }),
      ...(options.pushAttempts === undefined ? {} : { pushAttempts: options.pushAttempts }),
      ...(options.auditSeconds === undefined ? {} : { auditSeconds: options.auditSeconds }),
      ...(options.eventUrl === undefined ? {} : { eventUrl: options.eventUrl }),
      ...(options.messageUrl === undefined ? {} : { messageUrl: options.messageUrl }),
    });
    this.pushTicketOnStart = options.pushTicketOnStart ?? true;

    const clock = this.clock;
    this.crypto = new MessageCrypto({ token: this.component.token, encodingAESKey: this.component.encodingAESKey, receiveId: this.component.appId });
    this.accounts = new AccountStore(clock);
    this.tokens = new AccessTokens(clock, () => this.settings.replacedTokenGraceSeconds);
    this.credentials = new Credentials(this.component, this.tokens);
    this.tickets = new TicketStore(clock, () => this.settings.ticketLifetimeSeconds);
    this.authorizations = new Authorizations({
      clock,
      settings: this.settings,
      accounts: this.accounts,
      tokens: this.tokens,
      preAuthCodes: new ExpiringCodes<null>(clock),
      authorizationCodes: new ExpiringCodes<AuthorizationCodeData>(clock),
    });
    this.oauth = new OAuthSessions(clock);
    this.sent = new SentMessages(clock);
    this.usage = new UsageCounters(clock);
    this.calls = new CallLog(this.sequence);
    this.pushes = new PushLog(this.sequence);
    const delivery = new PushDelivery(this.settings, clock, this.pushes, this.stopping.signal);
    this.events = new EventPusher(this.component.appId, this.crypto, this.settings, clock, delivery);
    this.ticketPusher = new TicketPusher(this.component.appId, this.tickets, this.events, this.settings, clock);
    this.notifier = new AuthorizationNotifier(this.component.appId, this.authorizations, this.events, clock);
    this.messages = new MessagePusher(this.crypto, this.settings, clock, delivery);
    this.releaseTest = new ReleaseTestDriver({
      clock,
      accounts: this.accounts,
      authorizations: this.authorizations,
      notifier: this.notifier,
      tickets: this.ticketPusher,
      messages: this.messages,
      sent: this.sent,
    });
    this.apis = new AuthorizerApiState(clock, this.component.appId, this.accounts);
    this.audits = new AuditResults(this.apis.code, this.messages, this.settings, clock);
    this.platform = new PlatformApiState(clock);
    this.platformPushes = new PlatformPushes({
      componentAppId: this.component.appId,
      clock,
      accounts: this.accounts,
      platform: this.platform,
      notifier: this.notifier,
      events: this.events,
      messages: this.messages,
      hasMessageTarget: () => this.settings.messageUrl !== undefined,
    });
    if (options.seedAccounts ?? true) seedAccounts(this.accounts, this.component.appId);
  }

  /** Starts the periodic ticket push (and the first ticket, if the event URL is known). */
  start(baseUrl: string): void {
    this.baseUrl = baseUrl;
    this.ticketPusher.schedule();
    this.maybeSendInitialTicket();
  }

  /**
   * Validates and applies a settings change (push targets, lifetimes, rotation, ticket interval).
   * @throws TypeError naming the first invalid field; nothing changes then.
   */
  updateSettings(patch: SettingsPatch | Record<string, unknown>): SandboxSettings {
    applySettingsPatch(this.settings, patch);
    if (this.baseUrl !== '') {
      this.ticketPusher.schedule();
      this.maybeSendInitialTicket();
    }
    return this.settings;
  }

  /** Stops timers and aborts pushes in flight. */
  stop(): void {
    this.ticketPusher.stop();
    this.audits.stop();
    this.stopping.abort();
  }

  private maybeSendInitialTicket(): void {
    if (!this.pushTicketOnStart || this.initialTicketSent || !this.events.hasTarget) return;
    this.initialTicketSent = true;
    void this.ticketPusher.pushNow();
  }
}
