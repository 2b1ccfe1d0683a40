import { postAction, type ApiRequester } from '../../apis/common.js';
import type { BizSubscribeMessage, SubscribeMessageOptions } from './message.types.js';

/**
 * Subscription messages (订阅消息 of mini programs, 订阅通知 of official accounts): each send uses one subscription the
 * user gave for the template (43101 when none is left); the templates are `client.subscribeTemplate`. Reached as
 * `client.message.subscribe`; the sandbox's `subscribe-message.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class SubscribeMessageApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/message/subscribe/send`: a subscription message the user accepted in the mini program (permission
   * set 18).
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
   */
  sendSubscribeMessage(openId: string, templateId: string, data: Record<string, { value: string }>, options: SubscribeMessageOptions = {}): Promise<void> {
    return postAction(this.requester, '/cgi-bin/message/subscribe/send', {
      touser: openId,
      template_id: templateId,
      data,
      ...(options.page === undefined ? {} : { page: options.page }),
      ...(options.miniprogramState === undefined ? {} : { miniprogram_state: options.miniprogramState }),
      ...(options.lang === undefined ? {} : { lang: options.lang }),
    });
  }

  /**
   * `POST cgi-bin/message/subscribe/bizsend`: a subscription notice (订阅通知) of an official account.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api.html
   */
  sendBizSubscribeMessage(openId: string, message: BizSubscribeMessage): Promise<void> {
    return postAction(this.requester, '/cgi-bin/message/subscribe/bizsend', {
      touser: openId,
      template_id: message.templateId,
      data: message.data,
      ...(message.page === undefined ? {} : { page: message.page }),
      ...(message.miniProgram === undefined ? {} : { miniprogram: message.miniProgram }),
    });
  }
}
