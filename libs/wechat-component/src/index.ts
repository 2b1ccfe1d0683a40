// The public surface of nestjs-wechat-component. Anything not exported here is internal.
export { WeChatComponentModule } from './wechat-component.module.js';
export type {
  WeChatComponentModuleOptions,
  WeChatComponentModuleExtras,
  RefreshOptions,
  ReconcileOptions,
  HttpOptions,
  EventOptions,
  MessageOptions,
  WebhookOptions,
} from './options/wechat-component-options.js';

export { ComponentService, type AuthorizerSummary, type ComponentHealth } from './component/component.service.js';
export type { AuthorizationUrlOptions } from './component/authorization-url.js';
export type * from './component/component-api.types.js';

export { AuthorizerClientFactory } from './authorizer/authorizer-client.factory.js';
export { AuthorizerClient } from './authorizer/authorizer-client.js';
export type { AuthorizerRequester } from './authorizer/authorizer-requester.js';
export { MenuApi, type MenuButton, type MenuDefinition, type MenuInfo } from './authorizer/apis/menu.api.js';
export {
  MessageApi,
  type CustomMessage,
  type CustomMessageOptions,
  type NewsArticle,
} from './authorizer/apis/message.api.js';

export { ComponentOAuth, type OAuthScope, type OAuthUserInfo, type OAuthUserToken } from './oauth/component-oauth.js';

export { OnComponentEvent } from './events/on-component-event.decorator.js';
export type * from './events/component-event.types.js';
export * from './events/component-event.guards.js';

export { AuthorizerMessageService } from './messages/authorizer-message.service.js';
export {
  OnAuthorizerMessage,
  type AuthorizerMessageSelector,
  type AuthorizerMessageMethodDecorator,
  type SelectedMessage,
} from './messages/on-authorizer-message.decorator.js';
export type * from './messages/authorizer-message.types.js';
export type * from './messages/authorizer-reply.types.js';
export type { AuthorizerMessageAnswer } from './messages/message-answer.js';
export * from './messages/authorizer-message.guards.js';
export {
  RELEASE_TEST_ACCOUNT_GROUPS,
  isReleaseTestAccount,
  type ReleaseTestAccountGroup,
} from './messages/release-test/release-test-accounts.js';

export { TokenRefreshScheduler, type RefreshPassSummary } from './refresh/token-refresh.scheduler.js';
export { ReconcileScheduler } from './reconcile/reconcile.scheduler.js';
export type { ReconcileSummary } from './reconcile/authorizer-reconciler.js';
export type { AuthorizerStore, AuthorizerRecord, AuthorizerStatus } from './store/authorizer-store.js';
export type { PushQuery } from './push/push-decoder.js';
export type { QueryParams } from './http/wechat-request.js';

export { MessageCrypto } from './crypto/message-crypto.js';
export { WeChatApiError, WeChatErrorCode, isWeChatApiError } from './errors/wechat-api.error.js';
export {
  WeChatComponentError,
  WeChatComponentConfigError,
  ComponentVerifyTicketMissingError,
  AuthorizerNotFoundError,
  AuthorizerRevokedError,
  AuthorizerReauthorizationRequiredError,
  WeChatHttpError,
  InvalidPushError,
} from './errors/wechat-component.errors.js';
