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
  PushOptions,
  WebhookOptions,
} from './options/wechat-component-options.js';

export { ComponentService, type AuthorizerSummary } from './component/component.service.js';
export { ComponentEventService } from './events/component-event.service.js';
export type { ComponentHealth, HealthCheckOptions } from './component/component-health.js';
export type { AuthorizationUrlOptions } from './component/authorization-url.js';
export type * from './component/component-api.types.js';

export {
  CodeTemplateLibrary,
  type CodeTemplate,
  type CodeTemplateDraft,
  type CodeTemplateType,
} from './component/code-template-library.js';

export { AuthorizerClientFactory, type ImportedAuthorization } from './authorizer/authorizer-client.factory.js';
export { AuthorizerClient, type AuthorizerClientContext } from './authorizer/authorizer-client.js';
export type { AuthorizerRequester, AuthorizerRequest } from './authorizer/authorizer-requester.js';
export type { AuthorizerTicketSource, AuthorizerTicketType, TicketAnswer } from './token/authorizer-tickets.js';
export { jsapiSignature, cardSignature } from './authorizer/js-sdk-signature.js';
export { MenuApi } from './authorizer/apis/menu.api.js';
export type {
  MenuButton,
  MenuDefinition,
  MenuMatchRule,
  ConditionalMenuDefinition,
  MenuInfo,
  SelfMenuButton,
  SelfMenuInfo,
} from './authorizer/apis/menu.types.js';
export { UserApi } from './authorizer/apis/user.api.js';
export type { UserInfo, UserLanguage } from './authorizer/apis/user.types.js';
export { TagApi } from './authorizer/apis/tag.api.js';
export type { UserTag, BlacklistPage } from './authorizer/apis/tag.types.js';
export { MessageApi } from './authorizer/apis/message.api.js';
export type { CustomMessageApi } from './authorizer/apis/custom-message.api.js';
export type { MassMessageApi } from './authorizer/apis/mass-message.api.js';
export type { TemplateMessageApi } from './authorizer/apis/template-message.api.js';
export type { SubscribeMessageApi } from './authorizer/apis/subscribe-message.api.js';
export type {
  NewsArticle,
  MiniProgramPage,
  CustomMessage,
  CustomMessageOptions,
  MassMessage,
  MassTarget,
  MassPreviewTarget,
  MassOptions,
  MassSendResult,
  MassStatus,
  TemplateData,
  TemplateMessageOptions,
  SubscribeTemplateMessage,
  SubscribeMessageOptions,
  BizSubscribeMessage,
} from './authorizer/apis/message.types.js';
export { TemplateApi } from './authorizer/apis/template.api.js';
export type { IndustryInfo, PrivateTemplate, TemplateIndustry } from './authorizer/apis/template.types.js';
export { MediaApi } from './authorizer/apis/media.api.js';
export type { MediaType, UploadedMedia, MassArticle } from './authorizer/apis/media.types.js';
export { MaterialApi } from './authorizer/apis/material.api.js';
export type { MaterialType, AddedMaterial, VideoMaterial, NewsMaterial, MaterialCount } from './authorizer/apis/material.types.js';
export { DraftApi } from './authorizer/apis/draft.api.js';
export type { DraftArticle } from './authorizer/apis/draft.types.js';
export { FreePublishApi } from './authorizer/apis/freepublish.api.js';
export type { PublishStatus, PublishSubmitResult, PublishedArticle, PublishedItem, PublishedPage } from './authorizer/apis/freepublish.types.js';
export { QrCodeApi } from './authorizer/apis/qrcode.api.js';
export type { QrCodeRequest, QrCodeTicket } from './authorizer/apis/qrcode.types.js';
export { CustomServiceApi } from './authorizer/apis/customservice.api.js';
export type { KfAccount, OnlineKfAccount, KfSession, KfWaitCases, KfRecord, KfRecordPage } from './authorizer/apis/customservice.types.js';
export { DataCubeApi, toDataCubeDate } from './authorizer/apis/datacube.api.js';
export type {
  DataCubeDate,
  DataCubeRow,
  UserSummaryRow,
  UserCumulateRow,
  InterfaceSummaryRow,
  UpstreamMsgRow,
} from './authorizer/apis/datacube.types.js';
export { JsApi } from './authorizer/apis/jsapi.api.js';
export type { JsSdkConfig, JsSdkConfigOptions, CardChooseParams, CardExt } from './authorizer/apis/jsapi.types.js';
export { MiscApi } from './authorizer/apis/misc.api.js';
export type { NetworkCheckResult } from './authorizer/apis/misc.types.js';
export { WxaApi } from './authorizer/apis/wxa.api.js';
export type { WxaCodeApi } from './authorizer/apis/wxa-code.api.js';
export type { WxaAuditApi } from './authorizer/apis/wxa-audit.api.js';
export type { WxaReleaseApi } from './authorizer/apis/wxa-release.api.js';
export type { WxaSettingsApi } from './authorizer/apis/wxa-settings.api.js';
export type { WxaCodesApi } from './authorizer/apis/wxa-codes.api.js';
export type { WxaPrivacyApi } from './authorizer/apis/wxa-privacy.api.js';
export type {
  WxaCategory,
  AuditItem,
  SubmitAuditRequest,
  AuditStatusCode,
  AuditStatus,
  LatestAuditStatus,
  GrayReleasePlan,
  HistoryVersion,
  VersionInfo,
  ServerDomains,
  ServerDomainsResult,
  WebviewDomainList,
  PrivacySetting,
  PrivacySettingInfo,
  LineColor,
  WxaCodeOptions,
  WxaCodeUnlimitedOptions,
} from './authorizer/apis/wxa.types.js';
export { OpenAccountApi } from './authorizer/apis/open-account.api.js';
export type * from './authorizer/apis/open-account.types.js';
export { BasicInfoApi } from './authorizer/apis/basic-info.api.js';
export type * from './authorizer/apis/basic-info.types.js';
export { CategoryApi } from './authorizer/apis/category.api.js';
export type * from './authorizer/apis/category.types.js';
export { PrivacyInterfaceApi } from './authorizer/apis/privacy-interface.api.js';
export type * from './authorizer/apis/privacy-interface.types.js';
export { DomainApi } from './authorizer/apis/domain.api.js';
export type * from './authorizer/apis/domain.types.js';
export { LinkApi } from './authorizer/apis/link.api.js';
export type * from './authorizer/apis/link.types.js';
export { SubscribeTemplateApi } from './authorizer/apis/subscribe-template.api.js';
export type * from './authorizer/apis/subscribe-template.types.js';
export { PhoneNumberApi } from './authorizer/apis/phone-number.api.js';
export type * from './authorizer/apis/phone-number.types.js';
export { IcpApi } from './authorizer/apis/icp.api.js';
export type * from './authorizer/apis/icp.types.js';
export { IcpCatalogApi } from './authorizer/apis/icp-catalog.api.js';
export type * from './authorizer/apis/icp-catalog.types.js';
export { VerificationApi } from './authorizer/apis/verification.api.js';
export type * from './authorizer/apis/verification.types.js';
export { RegistrationApi } from './authorizer/apis/registration.api.js';
export type * from './authorizer/apis/registration.types.js';
export type {
  ApiRequester,
  ApiRequest,
  Unwrapped,
  WeChatEnvelope,
  WeChatAck,
  DomainAction,
  OpenIdPage,
  ArticleFields,
  NewsItem,
  MaterialItem,
  MaterialPage,
} from './apis/common.js';

export { ComponentClient } from './component/component-client.js';
export { FastRegistrationApi } from './component/apis/fast-registration.api.js';
export type * from './component/apis/fast-registration.types.js';
export { PlatformDomainApi } from './component/apis/platform-domain.api.js';
export type * from './component/apis/platform-domain.types.js';
export { PlatformDiagnostics } from './component/platform-diagnostics.js';
export type * from './component/platform-diagnostics.types.js';
export { CLEAR_QUOTA_LIMIT, type ClearQuotaBudgetView } from './component/clear-quota-budget.js';

export {
  ComponentOAuth,
  type MiniProgramSession,
  type OAuthScope,
  type OAuthUserInfo,
  type OAuthUserToken,
} from './component/component-oauth.js';

export { OnComponentEvent, type OnComponentEventOptions } from './events/on-component-event.decorator.js';
export { getPlatformToken, InjectPlatform } from './options/named-platforms.js';
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

export { TokenRefreshScheduler, type RefreshPassSummary } from './token/token-refresh.scheduler.js';
export { ReconcileScheduler } from './component/reconcile.scheduler.js';
export type { ReconcileSummary } from './component/authorizer-reconciler.js';
export type { AuthorizerStore, AuthorizerRecord, AuthorizerStatus } from './store/authorizer-store.js';
export type {
  WeChatComponentStore,
  CacheManager5Store,
  CacheManagerKeyvStore,
  NodeRedisStore,
  IoRedisStore,
} from './store/store-option.js';
export type { PushQuery } from './push/push-decoder.js';
export { WECHAT_WEBHOOK_METADATA, WeChatWebhook, isWeChatWebhook } from './webhook/webhook-metadata.js';
export type { QueryParams, WeChatRequest, AccessTokenSource } from './http/wechat-request.js';
export { WeChatFile } from './http/wechat-file.js';
export { uploadFromPath, mimeTypeOf, type UploadFile, type MultipartField } from './http/multipart.js';

export { MessageCrypto } from './crypto/message-crypto.js';
export { WeChatApiError, WeChatErrorCode, isWeChatApiError, type WeChatApiErrorContext } from './errors/wechat-api.error.js';
export {
  WeChatComponentError,
  WeChatComponentConfigError,
  ComponentVerifyTicketMissingError,
  AuthorizerNotFoundError,
  AuthorizerRevokedError,
  AuthorizerReauthorizationRequiredError,
  WeChatHttpError,
  type WeChatHttpFailure,
  InvalidPushError,
} from './errors/wechat-component.errors.js';
export { StoreUnavailableError, StoreWriteConflictError } from './errors/store.errors.js';
export { PushInProgressError } from './push/push-once.js';
