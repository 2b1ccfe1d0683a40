import type { ClearQuotaTracker } from '../component/clear-quota-budget.js';
import type { WeChatHttpClient } from '../http/wechat-http.client.js';
import type { AccessTokenSource, QueryParams } from '../http/wechat-request.js';
import type { ComponentOAuth } from '../component/component-oauth.js';
import { CustomServiceApi } from './apis/customservice.api.js';
import { DataCubeApi } from './apis/datacube.api.js';
import { DraftApi } from './apis/draft.api.js';
import { FreePublishApi } from './apis/freepublish.api.js';
import { JsApi } from './apis/jsapi.api.js';
import { MaterialApi } from './apis/material.api.js';
import { MediaApi } from './apis/media.api.js';
import { MenuApi } from './apis/menu.api.js';
import { MessageApi } from './apis/message.api.js';
import { MiscApi } from './apis/misc.api.js';
import { QrCodeApi } from './apis/qrcode.api.js';
import { TagApi } from './apis/tag.api.js';
import { TemplateApi } from './apis/template.api.js';
import { UserApi } from './apis/user.api.js';
import { WxaApi } from './apis/wxa.api.js';
import { BasicInfoApi } from './apis/basic-info.api.js';
import { CategoryApi } from './apis/category.api.js';
import { DomainApi } from './apis/domain.api.js';
import { IcpCatalogApi } from './apis/icp-catalog.api.js';
import { IcpApi } from './apis/icp.api.js';
import { LinkApi } from './apis/link.api.js';
import { OpenAccountApi } from './apis/open-account.api.js';
import { PhoneNumberApi } from './apis/phone-number.api.js';
import { PrivacyInterfaceApi } from './apis/privacy-interface.api.js';
import { RegistrationApi } from './apis/registration.api.js';
import { SubscribeTemplateApi } from './apis/subscribe-template.api.js';
import { VerificationApi } from './apis/verification.api.js';
import type { AuthorizerRequest, AuthorizerRequester } from './authorizer-requester.js';
import type { AuthorizerTicketSource } from '../token/authorizer-tickets.js';

/** What an {@link AuthorizerClient} is built from (the factory supplies it). */
export interface AuthorizerClientContext {
  readonly http: WeChatHttpClient;
  /** The authorizer's access token. */
  readonly credential: AccessTokenSource;
  /** Its cached jsapi / wx_card tickets. */
  readonly tickets: AuthorizerTicketSource;
  /** OAuth and mini-program login on its behalf (component token). */
  readonly oauth: ComponentOAuth;
  /** Base URL of mp.weixin.qq.com (QR code images, the pages an administrator confirms on). */
  readonly mpBaseUrl: string;
  /** The platform's component AppID (the pages an administrator confirms on name it). */
  readonly componentAppId: string;
  /** Counts this account's `clear_quota` resets (the monthly budget). */
  readonly clearQuota: ClearQuotaTracker;
}

/**
 * Calls WeChat on behalf of one authorized official account or mini program. Its access token is kept exactly like
 * the component token: cached in the store, refreshed once across instances, dropped and retried once on 40001.
 * Cheap to create; get one from {@link AuthorizerClientFactory} whenever needed. Groups follow wechatpy's
 * `WeChatClient`; the large ones are split into the sub-groups of the sandbox's controllers (`wxa.audit`,
 * `message.mass`); every group follows the rules of `apis/common.ts` (see docs/api-coverage.md).
 */
export class AuthorizerClient implements AuthorizerRequester {
  /** Custom menu (自定义菜单), conditional menus included. */
  readonly menu: MenuApi;
  /** Followers (用户管理). */
  readonly user: UserApi;
  /** User tags and the blacklist. */
  readonly tag: TagApi;
  /** Messages sent: `custom` (customer service), `mass`, `template`, `subscribe`. */
  readonly message: MessageApi;
  /** Template-message industry and templates. */
  readonly template: TemplateApi;
  /** Temporary media. */
  readonly media: MediaApi;
  /** Permanent materials. */
  readonly material: MaterialApi;
  /** The draft box. */
  readonly draft: DraftApi;
  /** Publishing drafts. */
  readonly freepublish: FreePublishApi;
  /** Parameterized QR codes. */
  readonly qrcode: QrCodeApi;
  /** Customer-service accounts, sessions and records. */
  readonly customservice: CustomServiceApi;
  /** Analytics. */
  readonly datacube: DataCubeApi;
  /** JS-SDK tickets and signatures. */
  readonly jsapi: JsApi;
  /** IP lists, network check, quotas. */
  readonly misc: MiscApi;
  /** Mini-program management: `code`, `audit`, `release`, `settings` (domains, testers), `codes`, `privacy`. */
  readonly wxa: WxaApi;
  /** Web OAuth on behalf of this official account; `jscode2session` for this mini program. */
  readonly oauth: ComponentOAuth;
  /** Open-platform account (UnionID) binding. */
  readonly openAccount: OpenAccountApi;
  /** Mini-program account settings: basic info, name, head image, introduction, search, administrator. */
  readonly basicInfo: BasicInfoApi;
  /** Mini-program service categories. */
  readonly category: CategoryApi;
  /** Privacy-interface applications and the code's privacy check. */
  readonly privacyInterface: PrivacyInterfaceApi;
  /** Mini-program server and business domains set directly, and the business-domain confirm file. */
  readonly domain: DomainApi;
  /** URL Scheme, URL Link and Short Link. */
  readonly link: LinkApi;
  /** Subscription-message templates (`wxaapi/newtmpl`). */
  readonly subscribeTemplate: SubscribeTemplateApi;
  /** A mini-program user's phone number. */
  readonly phoneNumber: PhoneNumberApi;
  /** ICP filing (备案). */
  readonly icp: IcpApi;
  /** ICP filing lookup tables. */
  readonly icpCatalog: IcpCatalogApi;
  /** Verification and annual review (认证 / 年审), and verification with filing. */
  readonly verification: VerificationApi;
  /** Trial mini programs' verification and name; mini programs registered with an official account's principal. */
  readonly registration: RegistrationApi;

  constructor(
    /** The authorizer's AppID. */
    readonly appId: string,
    private readonly context: AuthorizerClientContext,
  ) {
    this.oauth = context.oauth;
    this.menu = new MenuApi(this);
    this.user = new UserApi(this);
    this.tag = new TagApi(this);
    this.message = new MessageApi(this);
    this.template = new TemplateApi(this);
    this.media = new MediaApi(this);
    this.material = new MaterialApi(this);
    this.draft = new DraftApi(this);
    this.freepublish = new FreePublishApi(this);
    this.qrcode = new QrCodeApi(this, context.mpBaseUrl);
    this.customservice = new CustomServiceApi(this);
    this.datacube = new DataCubeApi(this);
    this.jsapi = new JsApi(this, context.tickets);
    this.misc = new MiscApi(this, context.clearQuota);
    this.wxa = new WxaApi(this);
    const pages = { mpBaseUrl: context.mpBaseUrl, componentAppId: context.componentAppId };
    this.openAccount = new OpenAccountApi(this);
    this.basicInfo = new BasicInfoApi(this, pages);
    this.category = new CategoryApi(this);
    this.privacyInterface = new PrivacyInterfaceApi(this);
    this.domain = new DomainApi(this);
    this.link = new LinkApi(this);
    this.subscribeTemplate = new SubscribeTemplateApi(this);
    this.phoneNumber = new PhoneNumberApi(this);
    this.icp = new IcpApi(this);
    this.icpCatalog = new IcpCatalogApi(this);
    this.verification = new VerificationApi(this);
    this.registration = new RegistrationApi(this, pages);
  }

  /** A usable access token of this authorizer, e.g. for a call this client does not wrap yet. */
  getAccessToken(): Promise<string> {
    return this.context.credential.getToken();
  }

  /** GET any authorizer API, e.g. `client.get('/cgi-bin/get_current_autoreply_info')`. */
  get<T>(path: string, query?: QueryParams): Promise<T> {
    return this.request<T>({ method: 'GET', path, ...(query ? { query } : {}) });
  }

  /** POST JSON to any authorizer API. */
  post<T>(path: string, body: unknown = {}, query?: QueryParams): Promise<T> {
    return this.request<T>({ method: 'POST', path, body, ...(query ? { query } : {}) });
  }

  /** Any call on this authorizer's token through the module's one request path (uploads, downloads …). */
  request<T>(request: AuthorizerRequest): Promise<T> {
    const { anonymous, ...rest } = request;
    return this.context.http.call<T>(anonymous ? rest : { ...rest, appId: this.appId, credential: this.context.credential });
  }
}
