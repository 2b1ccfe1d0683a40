import type { ApiRequester } from '../../apis/common.js';
import { CustomMessageApi } from './custom-message.api.js';
import { MassMessageApi } from './mass-message.api.js';
import { SubscribeMessageApi } from './subscribe-message.api.js';
import { TemplateMessageApi } from './template-message.api.js';

/**
 * Messages an account sends (消息管理), in the four sub-groups the sandbox's controllers split them into:
 * `custom` (customer service, every type), `mass` (群发), `template` (template and one-time subscription messages)
 * and `subscribe` (subscription messages of mini programs and notices of official accounts).
 */
export class MessageApi {
  /** Customer-service messages, every type (`message/custom/send`). */
  readonly custom: CustomMessageApi;
  /** Mass messages: send, preview, status, delete (`message/mass/*`). */
  readonly mass: MassMessageApi;
  /** Template messages and one-time subscription messages of official accounts (`message/template/*`). */
  readonly template: TemplateMessageApi;
  /** Subscription messages of mini programs and subscription notices of official accounts (`message/subscribe/*`). */
  readonly subscribe: SubscribeMessageApi;

  constructor(requester: ApiRequester) {
    this.custom = new CustomMessageApi(requester);
    this.mass = new MassMessageApi(requester);
    this.template = new TemplateMessageApi(requester);
    this.subscribe = new SubscribeMessageApi(requester);
  }
}
