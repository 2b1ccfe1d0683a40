import type { WeChatAck } from '../../component/component-api.types.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';
import type {
  BizSubscribeMessage,
  CustomMessage,
  CustomMessageOptions,
  MassMessage,
  MassOptions,
  MassPreviewTarget,
  MassSendResult,
  MassStatus,
  MassTarget,
  MiniProgramPage,
  NewsArticle,
  SubscribeTemplateMessage,
  TemplateData,
  TemplateMessageOptions,
  TemplateSendResult,
} from './message.types.js';

function massBody(message: MassMessage, options: MassOptions): Record<string, unknown> {
  return {
    ...message,
    send_ignore_reprint: options.sendIgnoreReprint ?? 0,
    ...(options.clientMsgId === undefined ? {} : { clientmsgid: options.clientMsgId }),
  };
}

/**
 * Messages an account sends (消息管理): customer-service messages for every type (within 48 h of the user's last
 * interaction), mass messages (群发), template messages and subscription messages.
 */
export class MessageApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST cgi-bin/message/custom/send` with any message type. */
  send(openId: string, message: CustomMessage, options: CustomMessageOptions = {}): Promise<WeChatAck> {
    const body = { touser: openId, ...message, ...(options.kfAccount ? { customservice: { kf_account: options.kfAccount } } : {}) };
    return this.requester.post('/cgi-bin/message/custom/send', body);
  }

  /** Customer-service `text`. */
  sendText(openId: string, content: string, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'text', text: { content } }, options);
  }

  /** Customer-service `image` (a temporary or permanent media id). */
  sendImage(openId: string, mediaId: string, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'image', image: { media_id: mediaId } }, options);
  }

  /** Customer-service `voice`. */
  sendVoice(openId: string, mediaId: string, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'voice', voice: { media_id: mediaId } }, options);
  }

  /** Customer-service `video`. */
  sendVideo(
    openId: string,
    video: { media_id: string; thumb_media_id?: string; title?: string; description?: string },
    options?: CustomMessageOptions,
  ): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'video', video }, options);
  }

  /** Customer-service `music`. */
  sendMusic(
    openId: string,
    music: { musicurl: string; hqmusicurl: string; thumb_media_id: string; title?: string; description?: string },
    options?: CustomMessageOptions,
  ): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'music', music }, options);
  }

  /** Customer-service `news` (≤ 1 article shown) or, given a media id of articles, `mpnews`. */
  sendArticles(openId: string, articles: NewsArticle[] | string, options?: CustomMessageOptions): Promise<WeChatAck> {
    const message: CustomMessage =
      typeof articles === 'string' ? { msgtype: 'mpnews', mpnews: { media_id: articles } } : { msgtype: 'news', news: { articles } };
    return this.send(openId, message, options);
  }

  /** Same as {@link MessageApi.sendArticles} with a list of articles. */
  sendNews(openId: string, articles: NewsArticle[], options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.sendArticles(openId, articles, options);
  }

  /** Customer-service `mpnewsarticle`: a published article by its `article_id`. */
  sendMpNewsArticle(openId: string, articleId: string, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: articleId } }, options);
  }

  /** Customer-service `link` (mini programs). */
  sendLink(openId: string, link: { title: string; description: string; url: string; thumb_url: string }, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'link', link }, options);
  }

  /** Customer-service `wxcard`. */
  sendCard(openId: string, cardId: string, cardExt?: string, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'wxcard', wxcard: { card_id: cardId, ...(cardExt ? { card_ext: cardExt } : {}) } }, options);
  }

  /** Customer-service `msgmenu`: a question with reply options. */
  sendMsgMenu(
    openId: string,
    msgmenu: { head_content: string; list: Array<{ id: string; content: string }>; tail_content: string },
    options?: CustomMessageOptions,
  ): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'msgmenu', msgmenu }, options);
  }

  /** Customer-service `miniprogrampage`. */
  sendMiniProgramPage(openId: string, page: MiniProgramPage, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'miniprogrampage', miniprogrampage: page }, options);
  }

  /**
   * Mass message (群发): `POST cgi-bin/message/mass/sendall` to everyone or a tag, `POST cgi-bin/message/mass/send` to
   * a list of openids.
   */
  sendMass(target: MassTarget, message: MassMessage, options: MassOptions = {}): Promise<MassSendResult> {
    const body = massBody(message, options);
    if ('openIds' in target) return this.requester.post('/cgi-bin/message/mass/send', { touser: [...target.openIds], ...body });
    const filter = 'toAll' in target ? { is_to_all: true } : { is_to_all: false, tag_id: target.tagId };
    return this.requester.post('/cgi-bin/message/mass/sendall', { filter, ...body });
  }

  /** Mass `text`. */
  sendMassText(content: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'text', text: { content } }, options);
  }

  /** Mass `image`. */
  sendMassImage(mediaId: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'image', image: { media_id: mediaId } }, options);
  }

  /** Mass `voice`. */
  sendMassVoice(mediaId: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'voice', voice: { media_id: mediaId } }, options);
  }

  /** Mass `mpvideo` (a media id from `media.uploadVideo`). */
  sendMassVideo(mediaId: string, target: MassTarget, video: { title?: string; description?: string } = {}, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'mpvideo', mpvideo: { media_id: mediaId, ...video } }, options);
  }

  /** Mass `mpnews` (articles from `media.uploadArticles` or a draft). */
  sendMassArticle(mediaId: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'mpnews', mpnews: { media_id: mediaId } }, options);
  }

  /** Mass `wxcard`. */
  sendMassCard(cardId: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'wxcard', wxcard: { card_id: cardId } }, options);
  }

  /** `POST cgi-bin/message/mass/preview`: sends a mass message to one follower only. */
  previewMass(target: MassPreviewTarget, message: MassMessage): Promise<{ errcode: number; errmsg: string; msg_id?: number }> {
    const to = 'openId' in target ? { touser: target.openId } : { towxname: target.wxName };
    return this.requester.post('/cgi-bin/message/mass/preview', { ...to, ...message });
  }

  /** `POST cgi-bin/message/mass/delete`: deletes a sent mass message (`articleIdx` 1-based; 0 or omitted: all). */
  deleteMass(msgId: number, articleIdx?: number): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/message/mass/delete', { msg_id: msgId, ...(articleIdx === undefined ? {} : { article_idx: articleIdx }) });
  }

  /** `POST cgi-bin/message/mass/get`: the status of a mass message. */
  getMass(msgId: number): Promise<MassStatus> {
    return this.requester.post('/cgi-bin/message/mass/get', { msg_id: msgId });
  }

  /** `POST cgi-bin/message/template/send`: a template message to a follower. */
  sendTemplate(openId: string, templateId: string, data: TemplateData, options: TemplateMessageOptions = {}): Promise<TemplateSendResult> {
    return this.requester.post('/cgi-bin/message/template/send', {
      touser: openId,
      template_id: templateId,
      ...(options.url === undefined ? {} : { url: options.url }),
      ...(options.miniProgram === undefined ? {} : { miniprogram: options.miniProgram }),
      ...(options.clientMsgId === undefined ? {} : { client_msg_id: options.clientMsgId }),
      data,
    });
  }

  /** `POST cgi-bin/message/template/subscribe`: a one-time subscription message (一次性订阅消息). */
  sendSubscribeTemplate(openId: string, message: SubscribeTemplateMessage): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/message/template/subscribe', {
      touser: openId,
      template_id: message.templateId,
      scene: String(message.scene),
      title: message.title,
      data: message.data,
      ...(message.url === undefined ? {} : { url: message.url }),
      ...(message.miniProgram === undefined ? {} : { miniprogram: message.miniProgram }),
    });
  }

  /** `POST cgi-bin/message/subscribe/bizsend`: a subscription notice (订阅通知) of an official account. */
  sendBizSubscribeMessage(openId: string, message: BizSubscribeMessage): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/message/subscribe/bizsend', {
      touser: openId,
      template_id: message.templateId,
      data: message.data,
      ...(message.page === undefined ? {} : { page: message.page }),
      ...(message.miniProgram === undefined ? {} : { miniprogram: message.miniProgram }),
    });
  }
}
