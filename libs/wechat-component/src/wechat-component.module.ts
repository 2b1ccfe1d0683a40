import { HttpModule } from '@nestjs/axios';
import { type DynamicModule, Inject, Logger, type MiddlewareConsumer, Module, type NestModule, Optional, type Provider, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthorizerClientFactory } from './authorizer/authorizer-client.factory.js';
import { AuthorizerTickets } from './token/authorizer-tickets.js';
import { AuthorizationExchange } from './component/authorization-exchange.js';
import { AuthorizerRegistry } from './store/authorizer-registry.js';
import { AuthorizerTokens } from './token/authorizer-tokens.js';
import { CodeTemplateLibrary } from './component/code-template-library.js';
import { ClearQuotaBudget } from './component/clear-quota-budget.js';
import { ComponentApi } from './component/component-api.js';
import { ComponentClient } from './component/component-client.js';
import { PlatformDiagnostics } from './component/platform-diagnostics.js';
import { ComponentEventProcessor } from './events/component-event.processor.js';
import { ComponentTokenProvider } from './token/component-token.provider.js';
import { ComponentService } from './component/component.service.js';
import { VerifyTicketStore } from './store/verify-ticket.store.js';
import { MessageCrypto } from './crypto/message-crypto.js';
import { ComponentEventDispatcher } from './events/component-event.dispatcher.js';
import { ComponentEventExplorer } from './events/component-event.explorer.js';
import { WeChatHttpClient } from './http/wechat-http.client.js';
import { AuthorizerMessageService } from './messages/authorizer-message.service.js';
import { messageProviders } from './messages/message.providers.js';
import {
  AUTHORIZER_STORE,
  RESOLVED_OPTIONS,
  STORE_BACKEND,
  WEBHOOK_CONTROLLERS,
  WEBHOOK_OPTIONS,
} from './options/option-tokens.js';
import { getPlatformToken, PLATFORM_NAME } from './options/named-platforms.js';
import { DEFAULTS, resolveOptions, resolvePlatformName, resolveWebhookOptions } from './options/resolve-options.js';
import type { ResolvedOptions } from './options/resolved-options.js';
import type { WeChatComponentModuleExtras, WeChatComponentModuleOptions } from './options/wechat-component-options.js';
import { PushDecoder } from './push/push-decoder.js';
import { AuthorizerReconciler } from './component/authorizer-reconciler.js';
import { ReconcileScheduler } from './component/reconcile.scheduler.js';
import { RateLimiter } from './store/rate-limiter.js';
import { RefreshTiming } from './token/refresh-timing.js';
import { TokenRefreshScheduler } from './token/token-refresh.scheduler.js';
import { BackendAuthorizerStore } from './store/backend-authorizer-store.js';
import { createStoreBackend } from './store/create-store-backend.js';
import { RedisStoreBackend } from './store/redis-store-backend.js';
import { LeaseLock } from './store/lease-lock.js';
import type { StoreBackend } from './store/store-backend.js';
import { StoreKeys } from './store/store-keys.js';
import { TokenKeeper } from './token/token-keeper.js';
import { createComponentWebhookController } from './webhook/component-webhook.controller.js';
import { FastifyPushBodies } from './webhook/fastify-push-bodies.js';
import { createMessageWebhookController } from './webhook/message-webhook.controller.js';
import { PushRefusalLog } from './webhook/push-refusal-log.js';
import { WebhookFastPath } from './webhook/webhook-fast-path.js';
import {
  ASYNC_OPTIONS_TYPE,
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
} from './wechat-component.module-definition.js';

// After a failed token fetch callers fail at once for 1 s, then 2, 4 … up to 60 s while WeChat keeps failing.
const TOKEN_FETCH_BACKOFF_MS = 1_000;
const TOKEN_FETCH_MAX_BACKOFF_MS = 60_000;

const infrastructure: Provider[] = [
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
    // A lease outlives the work under it (bounded by its deadline); a dead holder's lease frees itself.
    provide: LeaseLock,
    useFactory: (backend: StoreBackend, options: ResolvedOptions) => new LeaseLock(backend, options.timings.tokenLeaseMs),
    inject: [STORE_BACKEND, RESOLVED_OPTIONS],
  },
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
    provide: AUTHORIZER_STORE,
    useFactory: (options: ResolvedOptions, backend: StoreBackend, keys: StoreKeys) =>
      options.authorizerStore ?? new BackendAuthorizerStore(backend, keys),
    inject: [RESOLVED_OPTIONS, STORE_BACKEND, StoreKeys],
  },
  {
    provide: RefreshTiming,
    useFactory: (options: ResolvedOptions) => {
      const refresh = options.refresh || DEFAULTS.refresh;
      return new RefreshTiming(refresh.aheadSeconds * 1000, refresh.spreadSeconds * 1000);
    },
    inject: [RESOLVED_OPTIONS],
  },
  {
    // One rate for the scheduled work of every instance sharing the store.
    provide: RateLimiter,
    useFactory: (backend: StoreBackend, keys: StoreKeys, options: ResolvedOptions) =>
      new RateLimiter(backend, keys.refreshRate, (options.refresh || DEFAULTS.refresh).rateLimitPerSecond),
    inject: [STORE_BACKEND, StoreKeys, RESOLVED_OPTIONS],
  },
  {
    provide: PushDecoder,
    useFactory: (options: ResolvedOptions) =>
      new PushDecoder(new MessageCrypto(options.token, options.encodingAESKey), options.componentAppId, options.push.maxAgeMs),
    inject: [RESOLVED_OPTIONS],
  },
];

const services: Provider[] = [
  WeChatHttpClient,
  VerifyTicketStore,
  ComponentTokenProvider,
  ComponentApi,
  AuthorizerRegistry,
  AuthorizerTokens,
  AuthorizationExchange,
  ComponentEventDispatcher,
  ComponentEventExplorer,
  ComponentEventProcessor,
  ComponentService,
  AuthorizerTickets,
  AuthorizerClientFactory,
  CodeTemplateLibrary,
  TokenRefreshScheduler,
  AuthorizerReconciler,
  ReconcileScheduler,
  ComponentClient,
  ClearQuotaBudget,
  PlatformDiagnostics,
];

/**
 * Runs a WeChat Open Platform third-party platform: `ComponentService`, `AuthorizerClientFactory`, the webhooks for
 * the authorization event URL and the message and event URL, `@OnComponentEvent` and `@OnAuthorizerMessage`
 * handlers (`AuthorizerMessageService` when routing messages yourself) and the scheduled token refresh.
 *
 * @example
 * ```ts
 * WeChatComponentModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ componentAppId: config.getOrThrow('WECHAT_COMPONENT_APPID'), … }),
 * })
 * ```
 */
@Module({
  imports: [HttpModule, DiscoveryModule, ScheduleModule.forRoot()],
  providers: [...infrastructure, ...services, ...messageProviders],
})
export class WeChatComponentModule extends ConfigurableModuleClass implements NestModule {
  constructor(@Optional() @Inject(WEBHOOK_CONTROLLERS) private readonly webhookControllers: readonly Type<unknown>[] = []) {
    super();
  }

  /** Logs pushes the application refuses before they reach the webhook (a global guard, say). */
  configure(consumer: MiddlewareConsumer): void {
    if (this.webhookControllers.length > 0) consumer.apply(PushRefusalLog).forRoutes(...this.webhookControllers);
  }

  /** Configures the module with options known now. */
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return withExtras(super.forRoot(options), options);
  }

  /** Configures the module with options from a factory, class or existing provider (e.g. `ConfigService`). */
  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withExtras(super.forRootAsync(options), options);
  }
}

/** What the module offers the application: under their classes, or under named tokens for a named registration. */
const EXPORTED: readonly Type<unknown>[] = [
  ComponentService,
  AuthorizerClientFactory,
  CodeTemplateLibrary,
  TokenRefreshScheduler,
  ReconcileScheduler,
  AuthorizerMessageService,
  ComponentClient,
  PlatformDiagnostics,
];

function withExtras(module: DynamicModule, extras: WeChatComponentModuleExtras): DynamicModule {
  const name = resolvePlatformName(extras.name);
  const webhook = resolveWebhookOptions(extras.webhook, name);
  const named: Provider[] = name === undefined ? [] : EXPORTED.map((type) => ({ provide: getPlatformToken(type, name), useExisting: type }));
  const controllers = webhook ? [createComponentWebhookController(webhook), createMessageWebhookController(webhook)] : [];
  const webhookProviders: Provider[] = webhook
    ? [{ provide: WEBHOOK_CONTROLLERS, useValue: controllers }, FastifyPushBodies, ...(webhook.fastPath ? [WebhookFastPath] : [])]
    : [];
  return {
    ...module,
    controllers,
    providers: [
      ...(module.providers ?? []),
      { provide: WEBHOOK_OPTIONS, useValue: webhook },
      { provide: PLATFORM_NAME, useValue: name ?? null },
      ...webhookProviders,
      ...named,
    ],
    exports: name === undefined ? [...EXPORTED] : named.map((provider) => (provider as { provide: string }).provide),
  };
}
