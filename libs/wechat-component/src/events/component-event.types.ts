import type { AuthorizationResult } from '../component/component-api.types.js';
import type { XmlObject } from '../xml/wechat-xml.js';

export type { AuthorizationResult };

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

/** `notify_third_fastregisterbetaapp`: a trial mini program (试用小程序) was created, or its creation failed. */
export interface BetaRegisterEvent extends ComponentEventBase {
  readonly infoType: 'notify_third_fastregisterbetaapp';
  /** The new mini program's appid (an `authorized` push for it follows). */
  readonly appId?: string;
  /** 0 on success. */
  readonly status: number;
  readonly message?: string;
  /** `info.unique_id` of `fastRegistration.createBetaMiniProgram`. */
  readonly uniqueId?: string;
  /** `info.name`. */
  readonly name?: string;
}

/** `notify_icpfiling_verify_result`: a mini program's administrator finished the ICP face verification. */
export interface IcpFilingVerifyResultEvent extends ComponentEventBase {
  readonly infoType: 'notify_icpfiling_verify_result';
  /** `task_id` of `icp.createVerifyTask`. */
  readonly taskId: string;
  /** `verify_appid`: the mini program. */
  readonly authorizerAppId: string;
  /** 2 failed, 3 passed. */
  readonly result: number;
  /** 9 when the SMS check of a verification-and-filing task passed too. */
  readonly alongWithAuthResult?: number;
}

/** `notify_apply_icpfiling_result`: an ICP filing was approved or rejected at a stage. */
export interface IcpFilingApplyResultEvent extends ComponentEventBase {
  readonly infoType: 'notify_apply_icpfiling_result';
  readonly authorizerAppId: string;
  /** The filing state now (`icp.getEntranceInfo`'s `status`): 4 with the authority, 6 filed, 3 / 5 rejected. */
  readonly beianStatus: number;
}

/** `notify_3rd_wxa_auth`: progress of a verification or annual review (`verification.submit`). */
export interface WxaAuthEvent extends ComponentEventBase {
  readonly infoType: 'notify_3rd_wxa_auth';
  readonly authorizerAppId?: string;
  readonly taskId: string;
  /** As `verification.query`'s `task_status`. */
  readonly taskStatus: number;
  /** As `verification.query`'s `apply_status` (once the review order exists). */
  readonly applyStatus?: number;
  readonly message?: string;
  /** Who reviews it (`dispatch_info`: provider, contact, dispatch_time). */
  readonly dispatchInfo?: Readonly<XmlObject>;
}

/** `notify_3rd_wxa_auth_and_icp`: progress of a verification-and-filing procedure. */
export interface WxaAuthAndIcpEvent extends ComponentEventBase {
  readonly infoType: 'notify_3rd_wxa_auth_and_icp';
  readonly authorizerAppId?: string;
  readonly procedureId: string;
  /** As `verification.queryAuthAndIcp`'s `procedure_status`. */
  readonly procedureStatus: number;
}

/** `notify_3rd_wxa_wxverify`: a mini program's verification expires soon (60, 30 days before, on the day). */
export interface WxaVerifyExpiryEvent extends ComponentEventBase {
  readonly infoType: 'notify_3rd_wxa_wxverify';
  readonly authorizerAppId?: string;
  /** When it expires, epoch seconds. */
  readonly expired?: number;
  readonly message?: string;
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
  | BetaRegisterEvent
  | IcpFilingVerifyResultEvent
  | IcpFilingApplyResultEvent
  | WxaAuthEvent
  | WxaAuthAndIcpEvent
  | WxaVerifyExpiryEvent
  | OtherComponentEvent;

/** The `InfoType`s the module knows, for `@OnComponentEvent`; any other string also works. */
export type ComponentEventType =
  | 'component_verify_ticket'
  | 'authorized'
  | 'updateauthorized'
  | 'unauthorized'
  | 'notify_third_fasteregister'
  | 'notify_third_fastregisterbetaapp'
  | 'notify_icpfiling_verify_result'
  | 'notify_apply_icpfiling_result'
  | 'notify_3rd_wxa_auth'
  | 'notify_3rd_wxa_auth_and_icp'
  | 'notify_3rd_wxa_wxverify'
  | (string & {});
