// The public surface of nestjs-wechat-component. Anything not exported here is internal.
//
// Runtime exports are only what an application constructs, injects, decorates with, calls, or matches with
// `instanceof`; everything it merely receives (API groups, clients handed out by a factory, summaries) is exported
// as a type. Every name is listed: test/public-surface.spec.ts holds the runtime list, so a change to it is deliberate.

// The module and its options.
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

// Several platforms in one app: the named tokens of a registration's providers.
export { getPlatformToken, InjectPlatform } from './options/named-platforms.js';

// The component: authorization, authorizer bookkeeping, component-token endpoints, diagnostics, code templates.
export { ComponentService, type AuthorizerSummary } from './component/component.service.js';
export { ComponentClient } from './component/component-client.js';
export { PlatformDiagnostics } from './component/platform-diagnostics.js';
export { CodeTemplateLibrary, type CodeTemplate, type CodeTemplateDraft, type CodeTemplateType } from './component/code-template-library.js';
export type { ComponentHealth, HealthCheckOptions } from './component/component-health.js';
export type { AuthorizationUrlOptions } from './component/authorization-url.js';
export type { ClearQuotaBudgetView } from './component/clear-quota-budget.js';
export type {
  AuthorizationResult,
  AuthorizerInfo,
  AuthorizerList,
  AuthorizerListItem,
  AuthorizerOption,
  AuthorizerOptionName,
  AuthorizerTokenAnswer,
  ComponentTokenAnswer,
  FuncInfo,
  PreAuthCodeAnswer,
  QueryAuthAnswer,
} from './component/component-api.types.js';
export type { ApiQuotaInfo, AuditQuotaInfo, QuotaView, QuotaViewOptions, RidInfo } from './component/platform-diagnostics.types.js';
// Reached through ComponentService.getComponentOAuth(appId) and ComponentService.client.
export type { ComponentOAuth, MiniProgramSession, OAuthScope, OAuthUserInfo, OAuthUserToken } from './component/component-oauth.js';
export type { FastRegistrationApi } from './component/apis/fast-registration.api.js';
export type {
  BetaRegistration,
  BetaRegistrationTask,
  EnterpriseRegistration,
  PersonalRegistration,
  RegistrationTask,
  RegistrationTaskState,
  RegistrationTaskStatus,
} from './component/apis/fast-registration.types.js';
export type { PlatformDomainApi } from './component/apis/platform-domain.api.js';
export type {
  DomainConfirmFile,
  PlatformDomainChange,
  PlatformJumpDomains,
  PlatformServerDomains,
} from './component/apis/platform-domain.types.js';

// Authorization events (the authorization event URL): the handler decorator, routing pushes yourself, narrowing.
export { OnComponentEvent, type OnComponentEventOptions } from './events/on-component-event.decorator.js';
export { ComponentEventService } from './events/component-event.service.js';
export {
  isAuthorizationEvent,
  isComponentEventType,
  isFastRegisterEvent,
  isUnauthorizedEvent,
  isVerifyTicketEvent,
  type ComponentEventMap,
} from './events/component-event.guards.js';
export type {
  AuthorizationEvent,
  BetaRegisterEvent,
  ComponentEvent,
  ComponentEventBase,
  ComponentEventType,
  FastRegisterEvent,
  IcpFilingApplyResultEvent,
  IcpFilingVerifyResultEvent,
  OtherComponentEvent,
  UnauthorizedEvent,
  VerifyTicketEvent,
  WxaAuthAndIcpEvent,
  WxaAuthEvent,
  WxaVerifyExpiryEvent,
} from './events/component-event.types.js';

// Acting for authorizers: the factory hands out clients; the client and its API groups are types only.
export { AuthorizerClientFactory, type ImportedAuthorization } from './authorizer/authorizer-client.factory.js';
export type { AuthorizerClient, AuthorizerClientContext } from './authorizer/authorizer-client.js';
export type { AuthorizerRequester, AuthorizerRequest } from './authorizer/authorizer-requester.js';
export type { AuthorizerTicketSource, AuthorizerTicketType, TicketAnswer } from './token/authorizer-tickets.js';
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
export type { MenuApi } from './authorizer/apis/menu.api.js';
export type {
  MenuButton,
  MenuDefinition,
  MenuMatchRule,
  ConditionalMenuDefinition,
  MenuInfo,
  SelfMenuButton,
  SelfMenuInfo,
} from './authorizer/apis/menu.types.js';
export type { UserApi } from './authorizer/apis/user.api.js';
export type { UserInfo, UserLanguage } from './authorizer/apis/user.types.js';
export type { TagApi } from './authorizer/apis/tag.api.js';
export type { UserTag, BlacklistPage } from './authorizer/apis/tag.types.js';
export type { MessageApi } from './authorizer/apis/message.api.js';
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
export type { TemplateApi } from './authorizer/apis/template.api.js';
export type { IndustryInfo, PrivateTemplate, TemplateIndustry } from './authorizer/apis/template.types.js';
export type { MediaApi } from './authorizer/apis/media.api.js';
export type { MediaType, UploadedMedia, MassArticle } from './authorizer/apis/media.types.js';
export type { MaterialApi } from './authorizer/apis/material.api.js';
export type { MaterialType, AddedMaterial, VideoMaterial, NewsMaterial, MaterialCount } from './authorizer/apis/material.types.js';
export type { DraftApi } from './authorizer/apis/draft.api.js';
export type { DraftArticle } from './authorizer/apis/draft.types.js';
export type { FreePublishApi } from './authorizer/apis/freepublish.api.js';
export type { PublishStatus, PublishSubmitResult, PublishedArticle, PublishedItem, PublishedPage } from './authorizer/apis/freepublish.types.js';
export type { QrCodeApi } from './authorizer/apis/qrcode.api.js';
export type { QrCodeRequest, QrCodeTicket } from './authorizer/apis/qrcode.types.js';
export type { CustomServiceApi } from './authorizer/apis/customservice.api.js';
export type { KfAccount, OnlineKfAccount, KfSession, KfWaitCases, KfRecord, KfRecordPage } from './authorizer/apis/customservice.types.js';
export type { DataCubeApi } from './authorizer/apis/datacube.api.js';
export type {
  DataCubeDate,
  DataCubeRow,
  UserSummaryRow,
  UserCumulateRow,
  InterfaceSummaryRow,
  UpstreamMsgRow,
} from './authorizer/apis/datacube.types.js';
export type { JsApi } from './authorizer/apis/jsapi.api.js';
export type { JsSdkConfig, JsSdkConfigOptions, CardChooseParams, CardExt } from './authorizer/apis/jsapi.types.js';
export type { MiscApi } from './authorizer/apis/misc.api.js';
export type { NetworkCheckResult } from './authorizer/apis/misc.types.js';
export type { WxaApi } from './authorizer/apis/wxa.api.js';
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
export type { OpenAccountApi } from './authorizer/apis/open-account.api.js';
export type { HaveOpenAnswer, OpenAccountAnswer } from './authorizer/apis/open-account.types.js';
export type { BasicInfoApi } from './authorizer/apis/basic-info.api.js';
export type {
  AccountBasicInfo,
  HeadImageCrop,
  NicknameAuditStatus,
  NicknameChange,
  NicknameChangeResult,
  NicknameCheck,
  SearchStatus,
} from './authorizer/apis/basic-info.types.js';
export type { CategoryApi } from './authorizer/apis/category.api.js';
export type {
  AllCategories,
  CategoryCertificate,
  CategoryTableEntry,
  CategoryToAdd,
  SetCategories,
  SetCategory,
} from './authorizer/apis/category.types.js';
export type { PrivacyInterfaceApi } from './authorizer/apis/privacy-interface.api.js';
export type {
  CodePrivacyInfo,
  PrivacyInterface,
  PrivacyInterfaceApplication,
  PrivacyInterfaceApplyResult,
  PrivacyInterfaceList,
} from './authorizer/apis/privacy-interface.types.js';
export type { DomainApi } from './authorizer/apis/domain.api.js';
export type { DirectDomainsResult, ServerDomainLists, WebviewConfirmFile, WebviewDomains } from './authorizer/apis/domain.types.js';
export type { LinkApi } from './authorizer/apis/link.api.js';
export type {
  EnvVersion,
  GeneratedScheme,
  GeneratedShortLink,
  GeneratedUrlLink,
  LinkExpiry,
  LinkTarget,
  SchemeInfo,
  SchemeRequest,
  ShortLinkRequest,
  UrlLinkInfo,
  UrlLinkRequest,
} from './authorizer/apis/link.types.js';
export type { SubscribeTemplateApi } from './authorizer/apis/subscribe-template.api.js';
export type {
  CountedList,
  PrivateSubscribeTemplate,
  PublicTemplateKeyword,
  PublicTemplateTitle,
  TemplateCategory,
} from './authorizer/apis/subscribe-template.types.js';
export type { PhoneNumberApi } from './authorizer/apis/phone-number.api.js';
export type { PhoneInfo } from './authorizer/apis/phone-number.types.js';
export type { IcpApi } from './authorizer/apis/icp.api.js';
export type {
  IcpAuditData,
  IcpCancelType,
  IcpEntranceInfo,
  IcpFiling,
  IcpHint,
  IcpMedia,
  IcpMediaUpload,
  IcpStatus,
  IcpVerifyTask,
  IcpVerifyTaskState,
  OnlineIcpOrder,
} from './authorizer/apis/icp.types.js';
export type { IcpCatalogApi } from './authorizer/apis/icp-catalog.api.js';
export type {
  IcpCertificateType,
  IcpDistrict,
  IcpNrlxType,
  IcpServiceContentType,
  IcpSubjectType,
} from './authorizer/apis/icp-catalog.types.js';
export type { VerificationApi } from './authorizer/apis/verification.api.js';
export type {
  AuthAndIcpProcedure,
  AuthAndIcpState,
  AuthAndIcpSubmission,
  AuthIdentityTree,
  AuthMaterial,
  AuthMaterialUpload,
  VerificationData,
  VerificationState,
  VerificationTask,
} from './authorizer/apis/verification.types.js';
export type { RegistrationApi } from './authorizer/apis/registration.api.js';
export type { BetaVerification, OfficialAccountRegistration } from './authorizer/apis/registration.types.js';

// Requests and files: the request shape of `client.get/post`, files WeChat answers with, files to upload.
export type { QueryParams, WeChatRequest, AccessTokenSource } from './http/wechat-request.js';
export { WeChatFile } from './http/wechat-file.js';
export { uploadFromPath, type UploadFile, type MultipartField } from './http/multipart.js';

// Messages and events sent to authorized accounts (the message and event URL).
export {
  OnAuthorizerMessage,
  type AuthorizerMessageSelector,
  type AuthorizerMessageMethodDecorator,
  type SelectedMessage,
} from './messages/on-authorizer-message.decorator.js';
export { AuthorizerMessageService } from './messages/authorizer-message.service.js';
export { isEventType, isMessageType } from './messages/authorizer-message.guards.js';
export {
  RELEASE_TEST_ACCOUNT_GROUPS,
  isReleaseTestAccount,
  type ReleaseTestAccountGroup,
} from './messages/release-test/release-test-accounts.js';
export type { AuthorizerMessageAnswer } from './messages/message-answer.js';
export type {
  AuthorizerEvent,
  AuthorizerEventMap,
  AuthorizerEventType,
  AuthorizerMessage,
  AuthorizerMessageBase,
  AuthorizerMessageMap,
  AuthorizerMessageType,
  ClickEvent,
  ImageMessage,
  LinkMessage,
  LocationEvent,
  LocationMessage,
  MassSendJobFinishEvent,
  MiniProgramPageMessage,
  OtherAuthorizerMessage,
  ScanCodeEvent,
  ScanEvent,
  SubscribeEvent,
  TemplateSendJobFinishEvent,
  TextMessage,
  UnsubscribeEvent,
  UserEnterTempSessionEvent,
  VideoMessage,
  ViewEvent,
  ViewMiniProgramEvent,
  VoiceMessage,
  WeappAuditDelayEvent,
  WeappAuditFailEvent,
  WeappAuditSuccessEvent,
  WxaCategoryAuditEvent,
  WxaNicknameAuditEvent,
  WxaPrivacyApplyEvent,
} from './messages/authorizer-message.types.js';
export type {
  AuthorizerMessageHandlerResult,
  AuthorizerReply,
  AuthorizerReplyObject,
  ImageReply,
  MusicReply,
  NewsReply,
  NewsReplyArticle,
  TextReply,
  TransferCustomerServiceReply,
  VideoReply,
  VoiceReply,
} from './messages/authorizer-reply.types.js';

// Webhooks: letting an application's global guard through to WeChat's pushes; the query a push arrives with.
export { WECHAT_WEBHOOK_METADATA, WeChatWebhook, isWeChatWebhook } from './webhook/webhook-metadata.js';
export type { PushQuery } from './push/push-decoder.js';

// Scheduled work, as types: a pass on demand is ComponentService.refreshDueTokens() / reconcileAuthorizers().
export type { TokenRefreshScheduler, RefreshPassSummary } from './token/token-refresh.scheduler.js';
export type { ReconcileScheduler } from './component/reconcile.scheduler.js';
export type { ReconcileSummary } from './component/authorizer-reconciler.js';

// The store: what `store` accepts, and the contract of an application's own AuthorizerStore.
export type { AuthorizerStore, AuthorizerRecord, AuthorizerStatus } from './store/authorizer-store.js';
export type {
  WeChatComponentStore,
  CacheManager5Store,
  CacheManagerKeyvStore,
  NodeRedisStore,
  IoRedisStore,
} from './store/store-option.js';

// Errors: every one extends WeChatComponentError and carries a WeChatComponentErrorCode.
export {
  WeChatComponentError,
  WeChatComponentConfigError,
  ComponentVerifyTicketMissingError,
  AuthorizerNotFoundError,
  AuthorizerRevokedError,
  AuthorizerReauthorizationRequiredError,
  WeChatHttpError,
  InvalidPushError,
  type WeChatComponentErrorCode,
  type WeChatHttpFailure,
} from './errors/wechat-component.errors.js';
export {
  WeChatApiError,
  WeChatErrorCode,
  isWeChatApiError,
  type KnownWeChatErrorCode,
  type WeChatApiErrorContext,
} from './errors/wechat-api.error.js';
export { StoreUnavailableError, StoreWriteConflictError } from './errors/store.errors.js';
export { PushInProgressError } from './push/push-once.js';
