import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { numberOf, textOf, type XmlObject } from '../xml/wechat-xml.js';
import type { ComponentEvent, ComponentEventBase } from './component-event.types.js';

/** Turns the decrypted XML of an authorization-event push into a typed event; refuses incomplete or foreign pushes. */
export function parseComponentEvent(fields: XmlObject, componentAppId: string): ComponentEvent {
  const infoType = textOf(fields, 'InfoType');
  if (!infoType) throw new InvalidPushError(400, 'push has no InfoType');
  if (textOf(fields, 'AppId') !== componentAppId) throw new InvalidPushError(403, 'push names another component AppId');
  const base: ComponentEventBase = { infoType, componentAppId, createTime: numberOf(fields, 'CreateTime') ?? 0, raw: fields };

  switch (infoType) {
    case 'component_verify_ticket':
      return { ...base, infoType, ticket: required(fields, 'ComponentVerifyTicket') };
    case 'authorized':
    case 'updateauthorized':
      return {
        ...base,
        infoType,
        authorizerAppId: required(fields, 'AuthorizerAppid'),
        authorizationCode: required(fields, 'AuthorizationCode'),
        authorizationCodeExpiredTime: numberOf(fields, 'AuthorizationCodeExpiredTime'),
        preAuthCode: textOf(fields, 'PreAuthCode'),
      };
    case 'unauthorized':
      return { ...base, infoType, authorizerAppId: required(fields, 'AuthorizerAppid') };
    case 'notify_third_fasteregister': {
      const info = fields.info;
      return {
        ...base,
        infoType,
        appId: textOf(fields, 'appid'),
        status: numberOf(fields, 'status') ?? -1,
        authCode: textOf(fields, 'auth_code'),
        message: textOf(fields, 'msg'),
        info: info && typeof info === 'object' && !Array.isArray(info) ? info : undefined,
      };
    }
    case 'notify_third_fastregisterbetaapp': {
      const info = child(fields, 'info');
      return {
        ...base,
        infoType,
        appId: textOf(fields, 'appid'),
        status: numberOf(fields, 'status') ?? -1,
        message: textOf(fields, 'msg'),
        uniqueId: info && textOf(info, 'unique_id'),
        name: info && textOf(info, 'name'),
      };
    }
    case 'notify_icpfiling_verify_result':
      return {
        ...base,
        infoType,
        taskId: required(fields, 'task_id'),
        authorizerAppId: required(fields, 'verify_appid'),
        result: numberOf(fields, 'result') ?? 0,
        alongWithAuthResult: numberOf(fields, 'along_with_auth_result'),
      };
    case 'notify_apply_icpfiling_result':
      return { ...base, infoType, authorizerAppId: required(fields, 'authorizer_appid'), beianStatus: numberOf(fields, 'beian_status') ?? 0 };
    case 'notify_3rd_wxa_auth':
      return {
        ...base,
        infoType,
        authorizerAppId: textOf(fields, 'appid'),
        taskId: required(fields, 'taskid'),
        taskStatus: numberOf(fields, 'task_status') ?? 0,
        applyStatus: numberOf(fields, 'apply_status'),
        message: textOf(fields, 'message'),
        dispatchInfo: child(fields, 'dispatch_info'),
      };
    case 'notify_3rd_wxa_auth_and_icp':
      return {
        ...base,
        infoType,
        authorizerAppId: textOf(fields, 'appid'),
        procedureId: required(fields, 'procedure_id'),
        procedureStatus: numberOf(fields, 'procedure_status') ?? 0,
      };
    case 'notify_3rd_wxa_wxverify':
      return { ...base, infoType, authorizerAppId: textOf(fields, 'appid'), expired: numberOf(fields, 'expired'), message: textOf(fields, 'message') };
    default:
      return base;
  }
}

function child(fields: XmlObject, name: string): XmlObject | undefined {
  const value = fields[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function required(fields: XmlObject, name: string): string {
  const value = textOf(fields, name)?.trim();
  if (!value) throw new InvalidPushError(400, `push has no ${name}`);
  return value;
}
