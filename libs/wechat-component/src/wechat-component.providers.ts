import { Logger, type Provider } from '@nestjs/common';
import { AuthorizerClientFactory } from './authorizer/authorizer-client.factory.js';
import { CLOCK, type Clock, systemClock } from './common/clock.js';
import { ScheduledJobs } from './common/scheduled-jobs.js';
import { AuthorizationExchange } from './component/authorization-exchange.js';
import { AuthorizerReconciler } from './component/authorizer-reconciler.js';
import { ClearQuotaBudget } from './component/clear-quota-budget.js';
import { CodeTemplateLibrary } from './component/code-template-library.js';
import { ComponentClient } from './component/component-client.js';
import { ComponentTokenEndpoints } from './component/component-token.endpoints.js';
import { ComponentService } from './component/component.service.js';
import { PlatformDiagnostics } from './component/platform-diagnostics.js';
import { RECONCILE_LOCK, ReconcileScheduler } from './component/reconcile.scheduler.js';
import { MessageCrypto } from './crypto/message-crypto.js';
import { ComponentEventDispatcher } from './events/component-event.dispatcher.js';
import { ComponentEventExplorer } from './events/component-event.explorer.js';
import { EVENT_PUSH_ONCE, ComponentEventProcessor } from './events/component-event.processor.js';
import { ComponentEventService } from './events/component-event.service.js';
import { WeChatHttpClient } from './http/wechat-http.client.js';
import { messageProviders } from './messages/message.providers.js';
import { RESOLVED_OPTIONS } from './options/option-tokens.js';
import { DEFAULTS, resolveOptions } from './options/resolve-options.js';
import type { ResolvedOptions } from './options/resolved-options.js';
import type { WeChatComponentModuleOptions } from './options/wechat-component-options.js';
import { PushDecoder } from './push/push-decoder.js';
import { PushOnce } from './push/push-once.js';
import { AuthorizerRegistry } from './store/authorizer-registry.js';
import { BackendAuthorizerStore } from './store/backend-authorizer-store.js';
import { createStoreBackend } from './store/create-store-backend.js';
import { LeaseLock } from './store/lease-lock.js';
import { RateLimiter } from './store/rate-limiter.js';
import { RedisStoreBackend } from './store/redis-store-backend.js';
import type { StoreBackend } from './store/store-backend.js';
import { StoreKeys } from './store/store-keys.js';
import { AUTHORIZER_STORE, STORE_BACKEND } from './store/store-tokens.js';
import { VerifyTicketStore } from './store/verify-ticket.store.js';
import { AuthorizerTickets } from './token/authorizer-tickets.js';
import { AuthorizerTokens } from './token/authorizer-tokens.js';
import { ComponentTokenProvider } from './token/component-token.provider.js';
import { RefreshTiming } from './token/refresh-timing.js';
import { AUTHORIZER_TOKEN_ISSUER, COMPONENT_TOKEN_ISSUER } from './token/token-issuers.js';
import { TokenKeeper } from './token/token-keeper.js';
import { TokenRefreshScheduler } from './token/token-refresh.scheduler.js';
import { MODULE_OPTIONS_TOKEN } from './wechat-component.module-definition.js';

// After a failed token fetch callers fail at once for 1 s, then 2, 4 … up to 60 s while WeChat keeps failing.
const TOKEN_FETCH_BACKOFF_MS = 1_000;
const TOKEN_FETCH_MAX_BACKOFF_MS = 60_000;
// One reconciliation at a time across instances; a dead holder's lease frees itself after this long.
const RECONCILE_LEASE_MS = 10 * 60_000;

/** The validated options, the store and the objects built from options rather than injected. */
const infrastructureProviders: Provider[] = [
  { provide: CLOCK, useValue: systemClock },
  {
    provide: RESOLVED_OPTIONS,
    useFactory: (options: WeChatComponentModuleOptions) => resolveOptions(options),
    inject: [MODULE_OPTIONS_TOKEN],
  },
  {
    provide: STORE_BACKEND,
    useFactory: async (options: ResolvedOptions) => {
      const backend = createStoreBackend(options.store, { timeoutMs: options.storeTimeoutMs });
      // A Keyv or lazyConnect client connects on first use: give it a moment so the first push does not fail on that.
      if (backend instanceof RedisStoreBackend && !(await backend.whenReady(options.storeTimeoutMs))) {
        new Logger('WeChatComponentStore').warn(
          `Redis (${backend.library}) is not connected yet: store calls fail fast (webhooks answer 5xx) until it is.`,
        );
      }
      return backend;
    },
    inject: [RESOLVED_OPTIONS],
  },
  {
    provide: StoreKeys,
    useFactory: (options: ResolvedOptions) => new StoreKeys(options.keyPrefix, options.componentAppId),
    inject: [RESOLVED_OPTIONS],
  },
  {
    provide: AUTHORIZER_STORE,
    useFactory: (options: ResolvedOptions, backend: StoreBackend, keys: StoreKeys) =>
      options.authorizerStore ?? new BackendAuthorizerStore(backend, keys),
    inject: [RESOLVED_OPTIONS, STORE_BACKEND, StoreKeys],
  },
  {
    // A lease outlives the work under it (bounded by its deadline); a dead holder's lease frees itself.
    provide: LeaseLock,
    useFactory: (backend: StoreBackend, options: ResolvedOptions, clock: Clock) => new LeaseLock(backend, options.timings.tokenLeaseMs, clock),
    inject: [STORE_BACKEND, RESOLVED_OPTIONS, CLOCK],
  },
  {
    provide: RECONCILE_LOCK,
    useFactory: (backend: StoreBackend, clock: Clock) => new LeaseLock(backend, RECONCILE_LEASE_MS, clock),
    inject: [STORE_BACKEND, CLOCK],
  },
  {
    // One rate for the scheduled work of every instance sharing the store.
    provide: RateLimiter,
    useFactory: (backend: StoreBackend, keys: StoreKeys, options: ResolvedOptions, clock: Clock) =>
      new RateLimiter(backend, keys.refreshRate, (options.refresh || DEFAULTS.refresh).rateLimitPerSecond, clock),
    inject: [STORE_BACKEND, StoreKeys, RESOLVED_OPTIONS, CLOCK],
  },
  {
    provide: PushDecoder,
    useFactory: (options: ResolvedOptions) =>
      new PushDecoder(new MessageCrypto(options.token, options.encodingAESKey), options.componentAppId, options.push.maxAgeMs),
    inject: [RESOLVED_OPTIONS],
  },
  {
    provide: EVENT_PUSH_ONCE,
    useFactory: (backend: StoreBackend, options: ResolvedOptions) =>
      new PushOnce(backend, { claimMs: options.timings.eventClaimMs, rememberMs: options.timings.pushMemoryMs }),
    inject: [STORE_BACKEND, RESOLVED_OPTIONS],
  },
];

/** The token lifecycle: one keeper for every token, its issuers bound to the component endpoints. */
const tokenProviders: Provider[] = [
  {
    provide: TokenKeeper,
    useFactory: (backend: StoreBackend, keys: StoreKeys, locks: LeaseLock, options: ResolvedOptions) =>
      new TokenKeeper(backend, keys, locks, {
        waitMs: options.timings.tokenWaitMs,
        workMs: options.timings.tokenWorkMs,
        backoffMs: TOKEN_FETCH_BACKOFF_MS,
        maxBackoffMs: TOKEN_FETCH_MAX_BACKOFF_MS,
      }),
    inject: [STORE_BACKEND, StoreKeys, LeaseLock, RESOLVED_OPTIONS],
  },
  {
    provide: RefreshTiming,
    useFactory: (options: ResolvedOptions) => {
      const refresh = options.refresh || DEFAULTS.refresh;
      return new RefreshTiming(refresh.aheadSeconds * 1000, refresh.spreadSeconds * 1000);
    },
    inject: [RESOLVED_OPTIONS],
  },
  { provide: COMPONENT_TOKEN_ISSUER, useExisting: ComponentTokenEndpoints },
  { provide: AUTHORIZER_TOKEN_ISSUER, useExisting: ComponentClient },
  ComponentTokenProvider,
  AuthorizerTokens,
  AuthorizerTickets,
  TokenRefreshScheduler,
];

/** Every provider of one registration of `WeChatComponentModule` (the webhook's are added per registration). */
export const wechatComponentProviders: Provider[] = [
  ...infrastructureProviders,
  ...tokenProviders,
  WeChatHttpClient,
  ScheduledJobs,
  VerifyTicketStore,
  AuthorizerRegistry,
  ComponentTokenEndpoints,
  ComponentClient,
  AuthorizationExchange,
  AuthorizerReconciler,
  ReconcileScheduler,
  ClearQuotaBudget,
  PlatformDiagnostics,
  CodeTemplateLibrary,
  ComponentService,
  AuthorizerClientFactory,
  ComponentEventDispatcher,
  ComponentEventExplorer,
  ComponentEventProcessor,
  ComponentEventService,
  ...messageProviders,
];
