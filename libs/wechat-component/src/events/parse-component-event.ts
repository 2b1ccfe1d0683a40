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
    default:
      return base;
  }
}

function required(fields: XmlObject, name: string): string {
  const value = textOf(fields, name)?.trim();
  if (!value) throw new InvalidPushError(400, `push has no ${name}`);
  return value;
}
