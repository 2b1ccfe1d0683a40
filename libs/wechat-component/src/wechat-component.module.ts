import { HttpModule } from '@nestjs/axios';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthorizerClientFactory } from './authorizer/authorizer-client.factory.js';
import { AuthorizerTickets } from './authorizer/authorizer-tickets.js';
import { AuthorizationExchange } from './component/authorization-exchange.js';
import { AuthorizerRegistry } from './component/authorizer-registry.js';
import { AuthorizerTokens } from './component/authorizer-tokens.js';
import { CodeTemplateLibrary } from './component/code-template-library.js';
import { ComponentApi } from './component/component-api.js';
import { ComponentEventProcessor } from './component/component-event.processor.js';
import { ComponentTokenProvider } from './component/component-token.provider.js';
import { ComponentService } from './component/component.service.js';
import { VerifyTicketStore } from './component/verify-ticket.store.js';
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
  WEBHOOK_OPTIONS,
} from './options/option-tokens.js';
import { DEFAULTS, resolveOptions, resolveWebhookOptions } from './options/resolve-options.js';
import type { ResolvedOptions } from './options/resolved-options.js';
import type { WeChatComponentModuleOptions } from './options/wechat-component-options.js';
import { PushDecoder } from './push/push-decoder.js';
import { AuthorizerReconciler } from './reconcile/authorizer-reconciler.js';
import { ReconcileScheduler } from './reconcile/reconcile.scheduler.js';
import { RateLimiter } from './refresh/rate-limiter.js';
import { RefreshTiming } from './refresh/refresh-timing.js';
import { TokenRefreshScheduler } from './refresh/token-refresh.scheduler.js';
import { BackendAuthorizerStore } from './store/backend-authorizer-store.js';
import { createStoreBackend } from './store/create-store-backend.js';
import { LeaseLock } from './store/lease-lock.js';
import type { StoreBackend } from './store/store-backend.js';
import { StoreKeys } from './store/store-keys.js';
import { TokenKeeper } from './token/token-keeper.js';
import { createComponentWebhookController } from './webhook/component-webhook.controller.js';
import { createMessageWebhookController } from './webhook/message-webhook.controller.js';
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
    useFactory: (options: ResolvedOptions) => createStoreBackend(options.store, { timeoutMs: options.storeTimeoutMs }),
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
  exports: [ComponentService, AuthorizerClientFactory, CodeTemplateLibrary, TokenRefreshScheduler, ReconcileScheduler, AuthorizerMessageService],
})
export class WeChatComponentModule extends ConfigurableModuleClass {
  /** Configures the module with options known now. */
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return withWebhook(super.forRoot(options), options.webhook);
  }

  /** Configures the module with options from a factory, class or existing provider (e.g. `ConfigService`). */
  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withWebhook(super.forRootAsync(options), options.webhook);
  }
}

function withWebhook(module: DynamicModule, webhookOption: typeof OPTIONS_TYPE['webhook']): DynamicModule {
  const webhook = resolveWebhookOptions(webhookOption);
  return {
    ...module,
    controllers: webhook
      ? [createComponentWebhookController(webhook.prefix), createMessageWebhookController(webhook.prefix)]
      : [],
    providers: [...(module.providers ?? []), { provide: WEBHOOK_OPTIONS, useValue: webhook }, ...(webhook && webhook.fastPath ? [WebhookFastPath] : [])],
  };
}
