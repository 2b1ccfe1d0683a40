import type { XmlObject } from '../xml/wechat-xml.js';

/**
 * Fields every message and event pushed to the message and event URL has.
 *
 * Messages (`msgType` other than `event`) carry a `msgId`; events are identified by `fromUserName` + `createTime`.
 */
export interface AuthorizerMessageBase {
  /** The authorized account the message was sent to: the `$APPID$` of the message URL. */
  readonly appId: string;
  /** `MsgType`: `text`, `image`, …, or `event`. */
  readonly msgType: string;
  /** `ToUserName`: the account's original id (`gh_…`). */
  readonly toUserName: string;
  /** `FromUserName`: the user's openid (or, for system events, the sender WeChat names). */
  readonly fromUserName: string;
  /** `CreateTime`, epoch seconds. */
  readonly createTime: number;
  /** `MsgId`, as text (it is a 64-bit integer); absent on events, `''` on a user message that came without one. */
  readonly msgId?: string;
  /** `Event`, on events only. */
  readonly event?: string;
  /** Every field of the decrypted XML, as sent. */
  readonly raw: Readonly<XmlObject>;
}

/** A user message (not an event). */
interface UserMessageBase extends AuthorizerMessageBase {
  readonly msgId: string;
  readonly event?: undefined;
}

/** `text`: a text message. */
export interface TextMessage extends UserMessageBase {
  readonly msgType: 'text';
  readonly content: string;
}

/** `image`: a picture. */
export interface ImageMessage extends UserMessageBase {
  readonly msgType: 'image';
  readonly picUrl: string;
  readonly mediaId: string;
}

/** `voice`: a voice message; `recognition` holds the speech recognized when the account enabled it. */
export interface VoiceMessage extends UserMessageBase {
  readonly msgType: 'voice';
  readonly mediaId: string;
  /** Audio format, e.g. `amr` or `speex`. */
  readonly format: string;
  readonly recognition?: string;
}

/** `video` / `shortvideo`: a video (the two carry the same fields). */
export interface VideoMessage extends UserMessageBase {
  readonly msgType: 'video' | 'shortvideo';
  readonly mediaId: string;
  readonly thumbMediaId: string;
}

/** `location`: a location the user shared. */
export interface LocationMessage extends UserMessageBase {
  readonly msgType: 'location';
  /** `Location_X`: latitude. */
  readonly latitude: number;
  /** `Location_Y`: longitude. */
  readonly longitude: number;
  /** `Scale`: map zoom. */
  readonly scale: number;
  readonly label: string;
}

/** `link`: a shared link. */
export interface LinkMessage extends UserMessageBase {
  readonly msgType: 'link';
  readonly title: string;
  readonly description: string;
  readonly url: string;
}

/** `miniprogrampage`: a mini-program card sent to a mini program's customer service. */
export interface MiniProgramPageMessage extends UserMessageBase {
  readonly msgType: 'miniprogrampage';
  readonly title: string;
  /** The card's mini-program AppId (`AppId`). */
  readonly pageAppId: string;
  readonly pagePath: string;
  readonly thumbUrl?: string;
  readonly thumbMediaId?: string;
}

/** An event (`MsgType` = `event`). */
interface EventBase extends AuthorizerMessageBase {
  readonly msgType: 'event';
  readonly event: string;
  readonly msgId?: undefined;
}

/** `subscribe`: a user followed the account; through a parameterized QR code, `eventKey` is `qrscene_…`. */
export interface SubscribeEvent extends EventBase {
  readonly event: 'subscribe';
  readonly eventKey?: string;
  readonly ticket?: string;
}

/** `unsubscribe`: a user unfollowed the account. */
export interface UnsubscribeEvent extends EventBase {
  readonly event: 'unsubscribe';
}

/** `SCAN`: a follower scanned a parameterized QR code; `eventKey` is the scene value. */
export interface ScanEvent extends EventBase {
  readonly event: 'SCAN';
  readonly eventKey: string;
  readonly ticket?: string;
}

/** `LOCATION`: the location a user reports (when the account asks for it). */
export interface LocationEvent extends EventBase {
  readonly event: 'LOCATION';
  readonly latitude: number;
  readonly longitude: number;
  readonly precision: number;
}

/** `CLICK`: a custom-menu button of type `click`; `eventKey` is the button's key. */
export interface ClickEvent extends EventBase {
  readonly event: 'CLICK';
  readonly eventKey: string;
}

/** `VIEW`: a custom-menu link was opened; `eventKey` is its URL. */
export interface ViewEvent extends EventBase {
  readonly event: 'VIEW';
  readonly eventKey: string;
  readonly menuId?: string;
}

/** `view_miniprogram`: a custom-menu mini-program button was opened; `eventKey` is the page path. */
export interface ViewMiniProgramEvent extends EventBase {
  readonly event: 'view_miniprogram';
  readonly eventKey: string;
  readonly menuId?: string;
}

/** `scancode_push` / `scancode_waitmsg`: a menu scan button was used. */
export interface ScanCodeEvent extends EventBase {
  readonly event: 'scancode_push' | 'scancode_waitmsg';
  readonly eventKey: string;
  /** `ScanCodeInfo.ScanType`, e.g. `qrcode`. */
  readonly scanType?: string;
  /** `ScanCodeInfo.ScanResult`. */
  readonly scanResult?: string;
}

/** `TEMPLATESENDJOBFINISH`: the outcome of a template message. */
export interface TemplateSendJobFinishEvent extends EventBase {
  readonly event: 'TEMPLATESENDJOBFINISH';
  /** `MsgID` of the template message sent. */
  readonly jobMsgId?: string;
  /** `success`, `failed:user block`, `failed: system failed`. */
  readonly status: string;
}

/** `MASSSENDJOBFINISH`: the outcome of a mass message. */
export interface MassSendJobFinishEvent extends EventBase {
  readonly event: 'MASSSENDJOBFINISH';
  /** `MsgID` of the mass message. */
  readonly jobMsgId?: string;
  /** `send success`, `send fail`, `err(num)`. */
  readonly status: string;
  readonly totalCount?: number;
  readonly filterCount?: number;
  readonly sentCount?: number;
  readonly errorCount?: number;
}

/** `weapp_audit_success`: a mini-program version passed review. */
export interface WeappAuditSuccessEvent extends EventBase {
  readonly event: 'weapp_audit_success';
  /** `SuccTime`, epoch seconds. */
  readonly successTime?: number;
}

/** `weapp_audit_fail`: a mini-program version was rejected. */
export interface WeappAuditFailEvent extends EventBase {
  readonly event: 'weapp_audit_fail';
  readonly reason: string;
  /** `FailTime`, epoch seconds. */
  readonly failTime?: number;
  /** `ScreenShot`: media ids of screenshots, `|`-separated. */
  readonly screenShot?: string;
}

/** `weapp_audit_delay`: a mini-program review is delayed. */
export interface WeappAuditDelayEvent extends EventBase {
  readonly event: 'weapp_audit_delay';
  readonly reason: string;
  /** `DelayTime`, epoch seconds. */
  readonly delayTime?: number;
}

/** `wxa_nickname_audit`: the outcome of a mini-program name review. */
export interface WxaNicknameAuditEvent extends EventBase {
  readonly event: 'wxa_nickname_audit';
  /** `ret`: 2 rejected, 3 approved. */
  readonly ret?: number;
  readonly nickname?: string;
  readonly reason?: string;
}

/** `wxa_category_audit`: the outcome of a mini-program category audit (`category.addCategory` with a qualification). */
export interface WxaCategoryAuditEvent extends EventBase {
  readonly event: 'wxa_category_audit';
  /** `ret`: 2 rejected, 3 approved. */
  readonly ret?: number;
  /** The category's first- and second-level ids. */
  readonly first?: number;
  readonly second?: number;
  readonly reason?: string;
}

/** `wxa_privacy_apply`: the outcome of a privacy-interface application (`privacyInterface.apply`). */
export interface WxaPrivacyApplyEvent extends EventBase {
  readonly event: 'wxa_privacy_apply';
  /** `result_info.api_name`, e.g. `wx.getLocation`. */
  readonly apiName?: string;
  /** `result_info.audit_id`. */
  readonly auditId?: number;
  /** `result_info.status` as WeChat sends it (1 granted, 2 refused; the list's own codes differ — see `privacyInterface.list`). */
  readonly status?: number;
  /** `result_info.reason`, why it was refused. */
  readonly reason?: string;
  /** `result_info.apply_time` / `audit_time`, epoch seconds. */
  readonly applyTime?: number;
  readonly auditTime?: number;
}

/** `user_enter_tempsession`: a user opened a mini program's customer-service session. */
export interface UserEnterTempSessionEvent extends EventBase {
  readonly event: 'user_enter_tempsession';
  readonly sessionFrom?: string;
}

/** A message or event of a kind this module has no type for: kept with its raw fields, never dropped. */
export interface OtherAuthorizerMessage extends AuthorizerMessageBase {
  readonly msgType: string;
}

/** The typed user messages, by `MsgType`. */
export interface AuthorizerMessageMap {
  text: TextMessage;
  image: ImageMessage;
  voice: VoiceMessage;
  video: VideoMessage;
  shortvideo: VideoMessage;
  location: LocationMessage;
  link: LinkMessage;
  miniprogrampage: MiniProgramPageMessage;
}

/** The typed events, by `Event`. */
export interface AuthorizerEventMap {
  subscribe: SubscribeEvent;
  unsubscribe: UnsubscribeEvent;
  SCAN: ScanEvent;
  LOCATION: LocationEvent;
  CLICK: ClickEvent;
  VIEW: ViewEvent;
  view_miniprogram: ViewMiniProgramEvent;
  scancode_push: ScanCodeEvent;
  scancode_waitmsg: ScanCodeEvent;
  TEMPLATESENDJOBFINISH: TemplateSendJobFinishEvent;
  MASSSENDJOBFINISH: MassSendJobFinishEvent;
  weapp_audit_success: WeappAuditSuccessEvent;
  weapp_audit_fail: WeappAuditFailEvent;
  weapp_audit_delay: WeappAuditDelayEvent;
  wxa_nickname_audit: WxaNicknameAuditEvent;
  wxa_category_audit: WxaCategoryAuditEvent;
  wxa_privacy_apply: WxaPrivacyApplyEvent;
  user_enter_tempsession: UserEnterTempSessionEvent;
}

/** Any typed event. */
export type AuthorizerEvent = AuthorizerEventMap[keyof AuthorizerEventMap];

/**
 * Anything pushed to the message and event URL. Narrow with {@link isMessageType} / {@link isEventType}, or
 * declare the handler's parameter as the type its `@OnAuthorizerMessage` selector picks.
 */
export type AuthorizerMessage = AuthorizerMessageMap[keyof AuthorizerMessageMap] | AuthorizerEvent | OtherAuthorizerMessage;

/** `MsgType`s with a type here; any other string also works in selectors. */
export type AuthorizerMessageType = keyof AuthorizerMessageMap | 'event' | (string & {});

/** `Event`s with a type here; any other string also works in selectors. */
export type AuthorizerEventType = keyof AuthorizerEventMap | (string & {});
