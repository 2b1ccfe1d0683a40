import { postAction, type ApiRequester } from '../../apis/common.js';
import type { CustomMessage, CustomMessageOptions, MiniProgramPage, NewsArticle } from './message.types.js';

/**
 * Customer-service messages (客服消息, `message/custom/send`), every type, within 48 h of the user's last
 * interaction: official accounts (permission set 1) and mini programs (客服消息管理, 19: `text`, `image`, `link`,
 * `miniprogrampage`). Reached as `client.message.custom`; the sandbox's `custom-message.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class CustomMessageApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/message/custom/send` with any message type.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  send(openId: string, message: CustomMessage, options: CustomMessageOptions = {}): Promise<void> {
    const body = { touser: openId, ...message, ...(options.kfAccount ? { customservice: { kf_account: options.kfAccount } } : {}) };
    return postAction(this.requester, '/cgi-bin/message/custom/send', body);
  }

  /**
   * `text` (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendText(openId: string, content: string, options?: CustomMessageOptions): Promise<void> {
    return this.send(openId, { msgtype: 'text', text: { content } }, options);
  }

  /**
   * `image`, a temporary or permanent media id (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendImage(openId: string, mediaId: string, options?: CustomMessageOptions): Promise<void> {
    return this.send(openId, { msgtype: 'image', image: { media_id: mediaId } }, options);
  }

  /**
   * `voice` (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendVoice(openId: string, mediaId: string, options?: CustomMessageOptions): Promise<void> {
    return this.send(openId, { msgtype: 'voice', voice: { media_id: mediaId } }, options);
  }

  /**
   * `video` (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendVideo(
    openId: string,
    video: { media_id: string; thumb_media_id?: string; title?: string; description?: string },
    options?: CustomMessageOptions,
  ): Promise<void> {
    return this.send(openId, { msgtype: 'video', video }, options);
  }

  /**
   * `music` (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendMusic(
    openId: string,
    music: { musicurl: string; hqmusicurl: string; thumb_media_id: string; title?: string; description?: string },
    options?: CustomMessageOptions,
  ): Promise<void> {
    return this.send(openId, { msgtype: 'music', music }, options);
  }

  /**
   * `news` (≤ 1 article shown) or, given a media id of articles, `mpnews` (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendArticles(openId: string, articles: NewsArticle[] | string, options?: CustomMessageOptions): Promise<void> {
    const message: CustomMessage =
      typeof articles === 'string' ? { msgtype: 'mpnews', mpnews: { media_id: articles } } : { msgtype: 'news', news: { articles } };
    return this.send(openId, message, options);
  }

  /**
   * Same as {@link CustomMessageApi.sendArticles} with a list of articles: `news` (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendNews(openId: string, articles: NewsArticle[], options?: CustomMessageOptions): Promise<void> {
    return this.sendArticles(openId, articles, options);
  }

  /**
   * `mpnewsarticle`: a published article by its `article_id` (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendMpNewsArticle(openId: string, articleId: string, options?: CustomMessageOptions): Promise<void> {
    return this.send(openId, { msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: articleId } }, options);
  }

  /**
   * `link`, mini programs only (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/miniprogram/dev/api-backend/open-api/customer-message/customerServiceMessage.send.html
   */
  sendLink(openId: string, link: { title: string; description: string; url: string; thumb_url: string }, options?: CustomMessageOptions): Promise<void> {
    return this.send(openId, { msgtype: 'link', link }, options);
  }

  /**
   * `wxcard` (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendCard(openId: string, cardId: string, cardExt?: string, options?: CustomMessageOptions): Promise<void> {
    return this.send(openId, { msgtype: 'wxcard', wxcard: { card_id: cardId, ...(cardExt ? { card_ext: cardExt } : {}) } }, options);
  }

  /**
   * `msgmenu`: a question with reply options (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendMsgMenu(
    openId: string,
    msgmenu: { head_content: string; list: Array<{ id: string; content: string }>; tail_content: string },
    options?: CustomMessageOptions,
  ): Promise<void> {
    return this.send(openId, { msgtype: 'msgmenu', msgmenu }, options);
  }

  /**
   * `miniprogrampage`: a mini-program card (`POST cgi-bin/message/custom/send`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
   */
  sendMiniProgramPage(openId: string, page: MiniProgramPage, options?: CustomMessageOptions): Promise<void> {
    return this.send(openId, { msgtype: 'miniprogrampage', miniprogrampage: page }, options);
  }
}
