import type { XmlObject } from '../xml/wechat-xml.js';

/** What `api_query_auth` granted, as carried by authorization events. Tokens are kept in the store, not here. */
export interface AuthorizationResult {
  readonly authorizerAppId: string;
  /** Permission sets granted (`func_info[].funcscope_category.id`). */
  readonly funcScopeIds: readonly number[];
  /** Lifetime of the authorizer access token now stored, in seconds (absent for accounts without API permissions). */
  readonly accessTokenExpiresIn?: number;
}

/** Fields every push to the authorization event URL has. */
export interface ComponentEventBase {
  /** `InfoType` of the push. */
  readonly infoType: string;
  /** `AppId`: the component appid. */
  readonly componentAppId: string;
  /** `CreateTime`, epoch seconds. */
  readonly createTime: number;
  /** Every field of the decrypted XML, as sent. */
  readonly raw: Readonly<XmlObject>;
}

/** `component_verify_ticket`, pushed every 10 minutes; stored by the module. */
export interface VerifyTicketEvent extends ComponentEventBase {
  readonly infoType: 'component_verify_ticket';
  readonly ticket: string;
}

/** `authorized` / `updateauthorized`: an account authorized the platform or changed what it granted. */
export interface AuthorizationEvent extends ComponentEventBase {
  readonly infoType: 'authorized' | 'updateauthorized';
  readonly authorizerAppId: string;
  readonly authorizationCode: string;
  /** `AuthorizationCodeExpiredTime`, epoch seconds. */
  readonly authorizationCodeExpiredTime?: number;
  readonly preAuthCode?: string;
  /** The api_query_auth result, when the module exchanged the code (option `events.autoQueryAuth`, on by default). */
  readonly authorization?: AuthorizationResult;
}

/** `unauthorized`: the account revoked the authorization; its tokens are already deleted when handlers run. */
export interface UnauthorizedEvent extends ComponentEventBase {
  readonly infoType: 'unauthorized';
  readonly authorizerAppId: string;
}

/** `notify_third_fasteregister`: the outcome of a fast mini-program registration. */
export interface FastRegisterEvent extends ComponentEventBase {
  readonly infoType: 'notify_third_fasteregister';
  /** The new mini program's appid. */
  readonly appId?: string;
  /** 0 on success. */
  readonly status: number;
  /** On success, an authorization code (api_query_auth). */
  readonly authCode?: string;
  readonly message?: string;
  /** The registration details sent back (`info`). */
  readonly info?: Readonly<XmlObject>;
  /** The api_query_auth result, when the module exchanged `auth_code`. */
  readonly authorization?: AuthorizationResult;
}

/** A push of a kind this module has no type for; nothing is dropped. */
export interface OtherComponentEvent extends ComponentEventBase {
  readonly infoType: string;
}

/** Any push to the authorization event URL. Narrow on `infoType`. */
export type ComponentEvent =
  | VerifyTicketEvent
  | AuthorizationEvent
  | UnauthorizedEvent
  | FastRegisterEvent
  | OtherComponentEvent;

/** The `InfoType`s the module knows, for `@OnComponentEvent`; any other string also works. */
export type ComponentEventType =
  | 'component_verify_ticket'
  | 'authorized'
  | 'updateauthorized'
  | 'unauthorized'
  | 'notify_third_fasteregister'
  | (string & {});
