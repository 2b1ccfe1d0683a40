import { describe, expect, it } from 'vitest';
import { isComponentEventType } from '../events/component-event.guards.js';
import { parseComponentEvent } from '../events/parse-component-event.js';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { parseXml } from '../xml/wechat-xml.js';
import { isEventType } from './authorizer-message.guards.js';
import { parseAuthorizerMessage } from './parse-authorizer-message.js';

// The pushes of the platform processes, as WeChat's pages and captured payloads show them.
const COMPONENT = 'wx761e7856cd618a26';
const MP = 'wxba5fad812f8e6fb9';
const componentPush = (infoType: string, rest: string) =>
  parseComponentEvent(parseXml(`<xml><AppId><![CDATA[${COMPONENT}]]></AppId>\n<CreateTime>1715943329</CreateTime>\n<InfoType><![CDATA[${infoType}]]></InfoType>\n${rest}</xml>`), COMPONENT);
const messageEvent = (name: string, rest: string) =>
  parseAuthorizerMessage(
    parseXml(`<xml><ToUserName><![CDATA[gh_fb9688c2a4b2]]></ToUserName><FromUserName><![CDATA[od1P50M-fNQI5Gcq-trm4a7apsU8]]></FromUserName><CreateTime>1488856741</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${name}]]></Event>${rest}</xml>`),
    MP,
  );

describe('platform pushes', () => {
  it('ICP filing: the face verification result and each review outcome', () => {
    const verified = componentPush('notify_icpfiling_verify_result', `<task_id><![CDATA[R5PqRPNb6GmG3i0rqd4pTg]]></task_id><verify_appid><![CDATA[${MP}]]></verify_appid><result>3</result>`);
    expect(isComponentEventType(verified, 'notify_icpfiling_verify_result') && verified).toMatchObject({ taskId: 'R5PqRPNb6GmG3i0rqd4pTg', authorizerAppId: MP, result: 3 });
    const filed = componentPush('notify_apply_icpfiling_result', `<authorizer_appid><![CDATA[${MP}]]></authorizer_appid><beian_status>6</beian_status>`);
    expect(filed).toMatchObject({ infoType: 'notify_apply_icpfiling_result', authorizerAppId: MP, beianStatus: 6 });
    expect(() => componentPush('notify_apply_icpfiling_result', '<beian_status>6</beian_status>')).toThrow(InvalidPushError);
  });

  it('verification: task progress with its dispatch info, the combined procedure, the coming expiry', () => {
    const auth = componentPush(
      'notify_3rd_wxa_auth',
      `<appid><![CDATA[${MP}]]></appid><taskid><![CDATA[t1]]></taskid><task_status>12</task_status><apply_status>2</apply_status><message><![CDATA[派单]]></message><dispatch_info><provider><![CDATA[上海倍通]]></provider><contact><![CDATA[021-1234]]></contact><dispatch_time>1715943329</dispatch_time></dispatch_info>`,
    );
    expect(auth).toMatchObject({ authorizerAppId: MP, taskId: 't1', taskStatus: 12, applyStatus: 2, message: '派单', dispatchInfo: { provider: '上海倍通', contact: '021-1234' } });
    expect(componentPush('notify_3rd_wxa_auth_and_icp', `<procedure_id><![CDATA[p1]]></procedure_id><procedure_status>24</procedure_status>`)).toMatchObject({ procedureId: 'p1', procedureStatus: 24 });
    expect(componentPush('notify_3rd_wxa_wxverify', `<appid><![CDATA[${MP}]]></appid><expired>1718535329</expired><message><![CDATA[认证即将过期]]></message>`)).toMatchObject({
      infoType: 'notify_3rd_wxa_wxverify',
      expired: 1718535329,
    });
  });

  it('a trial mini program created', () => {
    const beta = componentPush('notify_third_fastregisterbetaapp', `<appid><![CDATA[${MP}]]></appid><status>0</status><msg><![CDATA[OK]]></msg><info><unique_id><![CDATA[u1]]></unique_id><name><![CDATA[小麦烤鸡]]></name></info>`);
    expect(beta).toMatchObject({ appId: MP, status: 0, uniqueId: 'u1', name: '小麦烤鸡' });
  });

  it('category audit, and a privacy-interface result whose values WeChat wraps in quotes', () => {
    const category = messageEvent('wxa_category_audit', '<ret>2</ret><first>304</first><second>305</second><reason><![CDATA[资质不符]]></reason>');
    expect(isEventType(category, 'wxa_category_audit') && category).toMatchObject({ ret: 2, first: 304, second: 305, reason: '资质不符' });
    // As captured from WeChat (community thread on apply_privacy_interface): every value in double quotes.
    const privacy = messageEvent(
      'wxa_privacy_apply',
      '<result_info><api_name>"wx.choosePoi"</api_name><apply_time>"1644805538"</apply_time><audit_id>"421609337"</audit_id><audit_time>"1644828435"</audit_time><reason>"小程序内未含有相应使用场景"</reason><status>"2"</status></result_info>',
    );
    expect(privacy).toMatchObject({ apiName: 'wx.choosePoi', auditId: 421609337, status: 2, reason: '小程序内未含有相应使用场景', applyTime: 1644805538, auditTime: 1644828435 });
  });
});
