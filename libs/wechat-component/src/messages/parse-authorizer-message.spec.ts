import { describe, expect, it } from 'vitest';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { parseXml } from '../xml/wechat-xml.js';
import { isEventType, isMessageType } from './authorizer-message.guards.js';
import { parseAuthorizerMessage } from './parse-authorizer-message.js';

const APP = 'wxba5fad812f8e6fb9';
const head = (type: string) =>
  `<ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n` +
  `<CreateTime>1715943329</CreateTime>\n<MsgType><![CDATA[${type}]]></MsgType>\n`;
const parse = (type: string, rest: string) => parseAuthorizerMessage(parseXml(`<xml>${head(type)}${rest}</xml>`), APP);
const event = (name: string, rest = '') => parse('event', `<Event><![CDATA[${name}]]></Event>${rest}`);

describe('parseAuthorizerMessage', () => {
  it('reads the common fields and keeps a 64-bit MsgId exact', () => {
    const message = parse('text', '<Content><![CDATA[你好\nworld]]></Content><MsgId>6054768590064713728</MsgId>');
    expect(message).toMatchObject({
      appId: APP,
      msgType: 'text',
      toUserName: 'gh_97417a04a28d',
      fromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
      createTime: 1715943329,
      msgId: '6054768590064713728',
      content: '你好\nworld',
    });
    expect(isMessageType(message, 'text') && message.content).toBe('你好\nworld');
  });

  it('types every user message kind', () => {
    expect(parse('image', '<PicUrl><![CDATA[http://p]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>1</MsgId>')).toMatchObject({
      picUrl: 'http://p',
      mediaId: 'm1',
    });
    expect(
      parse('voice', '<MediaId><![CDATA[m2]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[你好]]></Recognition><MsgId>2</MsgId>'),
    ).toMatchObject({ mediaId: 'm2', format: 'amr', recognition: '你好' });
    for (const type of ['video', 'shortvideo']) {
      expect(parse(type, '<MediaId><![CDATA[m3]]></MediaId><ThumbMediaId><![CDATA[t3]]></ThumbMediaId><MsgId>3</MsgId>')).toMatchObject({
        msgType: type,
        mediaId: 'm3',
        thumbMediaId: 't3',
      });
    }
    expect(
      parse('location', '<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置]]></Label><MsgId>4</MsgId>'),
    ).toMatchObject({ latitude: 23.134521, longitude: 113.358803, scale: 20, label: '位置' });
    expect(
      parse('link', '<Title><![CDATA[T]]></Title><Description><![CDATA[D]]></Description><Url><![CDATA[http://u]]></Url><MsgId>5</MsgId>'),
    ).toMatchObject({ title: 'T', description: 'D', url: 'http://u' });
    expect(
      parse('miniprogrampage', '<Title><![CDATA[T]]></Title><AppId><![CDATA[wx1]]></AppId><PagePath><![CDATA[p/i]]></PagePath><ThumbMediaId><![CDATA[t]]></ThumbMediaId><MsgId>6</MsgId>'),
    ).toMatchObject({ title: 'T', pageAppId: 'wx1', pagePath: 'p/i', thumbMediaId: 't', appId: APP });
  });

  it('types the events of official accounts and mini programs', () => {
    expect(event('subscribe', '<EventKey><![CDATA[qrscene_123]]></EventKey><Ticket><![CDATA[TK]]></Ticket>')).toMatchObject({
      event: 'subscribe',
      eventKey: 'qrscene_123',
      ticket: 'TK',
    });
    expect(event('subscribe', '<EventKey><![CDATA[]]></EventKey>')).toMatchObject({ eventKey: undefined });
    expect(event('unsubscribe')).toMatchObject({ event: 'unsubscribe', msgType: 'event' });
    expect(event('SCAN', '<EventKey><![CDATA[123]]></EventKey><Ticket><![CDATA[TK]]></Ticket>')).toMatchObject({ eventKey: '123', ticket: 'TK' });
    expect(event('LOCATION', '<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>')).toMatchObject({
      latitude: 23.137466,
      longitude: 113.352425,
      precision: 119.38504,
    });
    expect(event('CLICK', '<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>')).toMatchObject({ eventKey: 'V1001_TODAY_MUSIC' });
    expect(event('VIEW', '<EventKey><![CDATA[http://www.qq.com/]]></EventKey><MenuId>42</MenuId>')).toMatchObject({
      eventKey: 'http://www.qq.com/',
      menuId: '42',
    });
    expect(
      event('scancode_push', '<EventKey><![CDATA[k]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>'),
    ).toMatchObject({ eventKey: 'k', scanType: 'qrcode', scanResult: '1' });
    const template = event('TEMPLATESENDJOBFINISH', '<MsgID>200163836</MsgID><Status><![CDATA[success]]></Status>');
    expect(template).toMatchObject({ jobMsgId: '200163836', status: 'success' });
    expect(template.msgId).toBeUndefined();
    expect(
      event(
        'MASSSENDJOBFINISH',
        '<MsgID>1988</MsgID><Status><![CDATA[send success]]></Status><TotalCount>100</TotalCount><FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount>',
      ),
    ).toMatchObject({ jobMsgId: '1988', status: 'send success', totalCount: 100, filterCount: 80, sentCount: 75, errorCount: 5 });
    expect(event('weapp_audit_success', '<SuccTime>1488856741</SuccTime>')).toMatchObject({ successTime: 1488856741 });
    const fail = event('weapp_audit_fail', '<Reason><![CDATA[1:账号信息不符]]></Reason><FailTime>1488856591</FailTime><ScreenShot>a|b</ScreenShot>');
    expect(fail).toMatchObject({ reason: '1:账号信息不符', failTime: 1488856591, screenShot: 'a|b' });
    expect(isEventType(fail, 'weapp_audit_fail')).toBe(true);
    expect(isEventType(fail, 'weapp_audit_success')).toBe(false);
    expect(event('weapp_audit_delay', '<Reason><![CDATA[为了更好的服务小程序，您的服务商正在进行提审系统的优化]]></Reason><DelayTime>1488856591</DelayTime>')).toMatchObject({
      delayTime: 1488856591,
    });
    expect(event('wxa_nickname_audit', '<ret>3</ret><nickname>昵称</nickname>')).toMatchObject({ ret: 3, nickname: '昵称' });
    expect(event('user_enter_tempsession', '<SessionFrom><![CDATA[card]]></SessionFrom>')).toMatchObject({ sessionFrom: 'card' });
  });

  it('keeps kinds it has no type for, with every field', () => {
    const demo = event('debug_demo', '<debug_str><![CDATA[hello world]]></debug_str>');
    expect(demo).toMatchObject({ msgType: 'event', event: 'debug_demo' });
    expect(demo.raw.debug_str).toBe('hello world');
    const other = parse('music_share', '<Anything>x</Anything><MsgId>9</MsgId>');
    expect(other).toMatchObject({ msgType: 'music_share', msgId: '9' });
    expect(other.raw.Anything).toBe('x');
  });

  it('refuses a message without MsgType, sender or recipient, or an event without Event', () => {
    for (const xml of [
      '<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName></xml>',
      '<xml><ToUserName>gh</ToUserName><MsgType>text</MsgType></xml>',
      '<xml><FromUserName>o</FromUserName><MsgType>text</MsgType></xml>',
      `<xml>${head('event')}</xml>`,
    ]) {
      expect(() => parseAuthorizerMessage(parseXml(xml), APP)).toThrow(InvalidPushError);
    }
  });
});
