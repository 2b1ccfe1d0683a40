import { HttpModule } from '@nestjs/axios';
import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule, Optional, type Provider, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthorizerClientFactory } from './authorizer/authorizer-client.factory.js';
import { CodeTemplateLibrary } from './component/code-template-library.js';
import { ComponentClient } from './component/component-client.js';
import { ComponentService } from './component/component.service.js';
import { PlatformDiagnostics } from './component/platform-diagnostics.js';
import { ReconcileScheduler } from './component/reconcile.scheduler.js';
import { ComponentEventService } from './events/component-event.service.js';
import { AuthorizerMessageService } from './messages/authorizer-message.service.js';
import { getPlatformToken, PLATFORM_NAME } from './options/named-platforms.js';
import { WEBHOOK_CONTROLLERS, WEBHOOK_OPTIONS } from './options/option-tokens.js';
import { resolvePlatformName, resolveWebhookOptions } from './options/resolve-options.js';
import type { WeChatComponentModuleExtras } from './options/wechat-component-options.js';
import { TokenRefreshScheduler } from './token/token-refresh.scheduler.js';
import { ComponentEventsEndpoint, createComponentWebhookController } from './webhook/component-webhook.controller.js';
import { FastifyPushBodies } from './webhook/fastify-push-bodies.js';
import { AuthorizerMessagesEndpoint, createMessageWebhookController } from './webhook/message-webhook.controller.js';
import { PushRefusalLog } from './webhook/push-refusal-log.js';
import { WebhookFastPath } from './webhook/webhook-fast-path.js';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, OPTIONS_TYPE } from './wechat-component.module-definition.js';
import { wechatComponentProviders } from './wechat-component.providers.js';

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
  imports: [HttpModule, DiscoveryModule],
  providers: wechatComponentProviders,
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
  ComponentEventService,
  ComponentClient,
  PlatformDiagnostics,
];

function withExtras(module: DynamicModule, extras: WeChatComponentModuleExtras): DynamicModule {
  const name = resolvePlatformName(extras.name);
  const webhook = resolveWebhookOptions(extras.webhook, name);
  const named: Provider[] = name === undefined ? [] : EXPORTED.map((type) => ({ provide: getPlatformToken(type, name), useExisting: type }));
  const controllers = webhook ? [createComponentWebhookController(webhook), createMessageWebhookController(webhook)] : [];
  const webhookProviders: Provider[] = webhook
    ? [
        { provide: WEBHOOK_CONTROLLERS, useValue: controllers },
        ComponentEventsEndpoint,
        AuthorizerMessagesEndpoint,
        FastifyPushBodies,
        ...(webhook.fastPath ? [WebhookFastPath] : []),
      ]
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
