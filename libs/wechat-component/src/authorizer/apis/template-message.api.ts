import { postAction, postFor, type ApiRequester } from '../../apis/common.js';
import type { SubscribeTemplateMessage, TemplateData, TemplateMessageOptions } from './message.types.js';

/**
 * Template messages and one-time subscription messages of an official account (模板消息, 一次性订阅消息, permission
 * set 7); the templates themselves are `client.template`. Reached as `client.message.template`; the sandbox's
 * `template-message.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class TemplateMessageApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/message/template/send`: a template message to a follower; returns its `msgid` (the
   * `TEMPLATESENDJOBFINISH` push names it).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
   */
  async sendTemplate(openId: string, templateId: string, data: TemplateData, options: TemplateMessageOptions = {}): Promise<number> {
    const answer = await postFor<{ msgid: number }>(this.requester, '/cgi-bin/message/template/send', {
      touser: openId,
      template_id: templateId,
      ...(options.url === undefined ? {} : { url: options.url }),
      ...(options.miniProgram === undefined ? {} : { miniprogram: options.miniProgram }),
      ...(options.clientMsgId === undefined ? {} : { client_msg_id: options.clientMsgId }),
      data,
    });
    return answer.msgid;
  }

  /**
   * `POST cgi-bin/message/template/subscribe`: a one-time subscription message (一次性订阅消息).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/One-time_subscription_info.html
   */
  sendSubscribeTemplate(openId: string, message: SubscribeTemplateMessage): Promise<void> {
    return postAction(this.requester, '/cgi-bin/message/template/subscribe', {
      touser: openId,
      template_id: message.templateId,
      scene: String(message.scene),
      title: message.title,
      data: message.data,
      ...(message.url === undefined ? {} : { url: message.url }),
      ...(message.miniProgram === undefined ? {} : { miniprogram: message.miniProgram }),
    });
  }
}
