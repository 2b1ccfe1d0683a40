import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { numberOf, textOf, type XmlObject } from '../xml/wechat-xml.js';
import type { AuthorizerMessage, AuthorizerMessageBase } from './authorizer-message.types.js';

/**
 * Turns the decrypted XML of a push to the message and event URL into a typed message or event. A push without
 * `MsgType`, `ToUserName` or `FromUserName` is refused (400); a kind without a type here is kept as it is.
 *
 * @param appId the authorized account the push was addressed to (`$APPID$` in the URL)
 */
export function parseAuthorizerMessage(fields: XmlObject, appId: string): AuthorizerMessage {
  const msgType = required(fields, 'MsgType');
  const base: AuthorizerMessageBase = {
    appId,
    msgType,
    toUserName: required(fields, 'ToUserName'),
    fromUserName: required(fields, 'FromUserName'),
    createTime: numberOf(fields, 'CreateTime') ?? 0,
    raw: fields,
  };
  if (msgType === 'event') return parseEvent(fields, { ...base, event: required(fields, 'Event') });
  // Every user message carries MsgId; should one come without, it stays typed (with '') and is deduplicated by sender
  // and time instead.
  const message = { ...base, msgId: textOf(fields, 'MsgId')?.trim() ?? '' };
  switch (msgType) {
    case 'text':
      return { ...message, msgType, content: text(fields, 'Content') };
    case 'image':
      return { ...message, msgType, picUrl: text(fields, 'PicUrl'), mediaId: text(fields, 'MediaId') };
    case 'voice':
      return { ...message, msgType, mediaId: text(fields, 'MediaId'), format: text(fields, 'Format'), recognition: textOf(fields, 'Recognition') };
    case 'video':
    case 'shortvideo':
      return { ...message, msgType, mediaId: text(fields, 'MediaId'), thumbMediaId: text(fields, 'ThumbMediaId') };
    case 'location':
      return {
        ...message,
        msgType,
        latitude: num(fields, 'Location_X'),
        longitude: num(fields, 'Location_Y'),
        scale: num(fields, 'Scale'),
        label: text(fields, 'Label'),
      };
    case 'link':
      return { ...message, msgType, title: text(fields, 'Title'), description: text(fields, 'Description'), url: text(fields, 'Url') };
    case 'miniprogrampage':
      return {
        ...message,
        msgType,
        title: text(fields, 'Title'),
        pageAppId: text(fields, 'AppId'),
        pagePath: text(fields, 'PagePath'),
        thumbUrl: textOf(fields, 'ThumbUrl'),
        thumbMediaId: textOf(fields, 'ThumbMediaId'),
      };
    default:
      return message;
  }
}

function parseEvent(fields: XmlObject, base: AuthorizerMessageBase & { event: string }): AuthorizerMessage {
  const event = { ...base, msgType: 'event' as const };
  const eventKey = textOf(fields, 'EventKey');
  switch (base.event) {
    case 'subscribe':
      return { ...event, event: base.event, eventKey: eventKey || undefined, ticket: textOf(fields, 'Ticket') };
    case 'unsubscribe':
      return { ...event, event: base.event };
    case 'SCAN':
      return { ...event, event: base.event, eventKey: eventKey ?? '', ticket: textOf(fields, 'Ticket') };
    case 'LOCATION':
      return { ...event, event: base.event, latitude: num(fields, 'Latitude'), longitude: num(fields, 'Longitude'), precision: num(fields, 'Precision') };
    case 'CLICK':
      return { ...event, event: base.event, eventKey: eventKey ?? '' };
    case 'VIEW':
    case 'view_miniprogram':
      return { ...event, event: base.event, eventKey: eventKey ?? '', menuId: textOf(fields, 'MenuId') };
    case 'scancode_push':
    case 'scancode_waitmsg': {
      const info = child(fields, 'ScanCodeInfo');
      return {
        ...event,
        event: base.event,
        eventKey: eventKey ?? '',
        scanType: info && textOf(info, 'ScanType'),
        scanResult: info && textOf(info, 'ScanResult'),
      };
    }
    case 'TEMPLATESENDJOBFINISH':
      return { ...event, event: base.event, jobMsgId: textOf(fields, 'MsgID'), status: text(fields, 'Status') };
    case 'MASSSENDJOBFINISH':
      return {
        ...event,
        event: base.event,
        jobMsgId: textOf(fields, 'MsgID'),
        status: text(fields, 'Status'),
        totalCount: numberOf(fields, 'TotalCount'),
        filterCount: numberOf(fields, 'FilterCount'),
        sentCount: numberOf(fields, 'SentCount'),
        errorCount: numberOf(fields, 'ErrorCount'),
      };
    case 'weapp_audit_success':
      return { ...event, event: base.event, successTime: numberOf(fields, 'SuccTime') };
    case 'weapp_audit_fail':
      return { ...event, event: base.event, reason: text(fields, 'Reason'), failTime: numberOf(fields, 'FailTime'), screenShot: textOf(fields, 'ScreenShot') };
    case 'weapp_audit_delay':
      return { ...event, event: base.event, reason: text(fields, 'Reason'), delayTime: numberOf(fields, 'DelayTime') };
    case 'wxa_nickname_audit':
      return { ...event, event: base.event, ret: numberOf(fields, 'ret'), nickname: textOf(fields, 'nickname'), reason: textOf(fields, 'reason') };
    case 'wxa_category_audit':
      return { ...event, event: base.event, ret: numberOf(fields, 'ret'), first: numberOf(fields, 'first'), second: numberOf(fields, 'second'), reason: textOf(fields, 'reason') };
    case 'wxa_privacy_apply': {
      // WeChat has been seen to wrap these values in double quotes ("2"): they are taken off.
      const info = child(fields, 'result_info') ?? {};
      const value = (name: string) => textOf(info, name)?.trim().replace(/^"(.*)"$/s, '$1');
      const number = (name: string) => (value(name) ? Number(value(name)) : undefined);
      return {
        ...event,
        event: base.event,
        apiName: value('api_name'),
        auditId: number('audit_id'),
        status: number('status'),
        reason: value('reason'),
        applyTime: number('apply_time'),
        auditTime: number('audit_time'),
      };
    }
    case 'user_enter_tempsession':
      return { ...event, event: base.event, sessionFrom: textOf(fields, 'SessionFrom') };
    default:
      return event;
  }
}

function required(fields: XmlObject, name: string): string {
  const value = textOf(fields, name)?.trim();
  if (!value) throw new InvalidPushError(400, `message has no ${name}`);
  return value;
}

function text(fields: XmlObject, name: string): string {
  return textOf(fields, name) ?? '';
}

function num(fields: XmlObject, name: string): number {
  return numberOf(fields, name) ?? 0;
}

function child(fields: XmlObject, name: string): XmlObject | undefined {
  const value = fields[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
