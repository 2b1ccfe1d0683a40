import type { XmlFields } from '../xml/build.js';

/** `component_verify_ticket` (reference §2.2). */
export function ticketEvent(componentAppId: string, createTime: number, ticket: string): XmlFields {
  return { AppId: componentAppId, CreateTime: createTime, InfoType: 'component_verify_ticket', ComponentVerifyTicket: ticket };
}

/** `authorized` / `updateauthorized` (§2.3); `AuthorizationCodeExpiredTime` is an absolute epoch in seconds. */
export function authorizationEvent(
  componentAppId: string,
  createTime: number,
  event: {
    infoType: 'authorized' | 'updateauthorized';
    authorizerAppId: string;
    authorizationCode: string;
    authorizationCodeExpiredTime: number;
    preAuthCode: string;
  },
): XmlFields {
  return {
    AppId: componentAppId,
    CreateTime: createTime,
    InfoType: event.infoType,
    AuthorizerAppid: event.authorizerAppId,
    AuthorizationCode: event.authorizationCode,
    AuthorizationCodeExpiredTime: event.authorizationCodeExpiredTime,
    PreAuthCode: event.preAuthCode,
  };
}

/** `unauthorized` (§2.3). */
export function unauthorizedEvent(componentAppId: string, createTime: number, authorizerAppId: string): XmlFields {
  return { AppId: componentAppId, CreateTime: createTime, InfoType: 'unauthorized', AuthorizerAppid: authorizerAppId };
}

/** The enterprise details echoed in a fast-registration result. */
export interface FastRegisterInfo {
  name: string;
  code: string;
  code_type: number;
  legal_persona_wechat: string;
  legal_persona_name: string;
  component_phone: string;
}

/** `notify_third_fasteregister` (§2.4): lower-case element names, `auth_code` only matters when status is 0. */
export function fastRegisterEvent(
  componentAppId: string,
  createTime: number,
  event: { appId: string; status: number; authCode: string; msg: string; info: FastRegisterInfo },
): XmlFields {
  return {
    AppId: componentAppId,
    CreateTime: createTime,
    InfoType: 'notify_third_fasteregister',
    appid: event.appId,
    status: event.status,
    auth_code: event.authCode,
    msg: event.msg,
    info: { ...event.info },
  };
}
