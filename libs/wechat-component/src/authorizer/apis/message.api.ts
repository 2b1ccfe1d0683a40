import type { WeChatAck } from '../../component/component-api.types.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';

/** A news article of a customer-service `news` message. */
export interface NewsArticle {
  title: string;
  description?: string;
  url: string;
  picurl?: string;
}

/** The body of a customer-service message, by `msgtype`, as WeChat defines it. */
export type CustomMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'voice'; voice: { media_id: string } }
  | { msgtype: 'video'; video: { media_id: string; thumb_media_id?: string; title?: string; description?: string } }
  | { msgtype: 'music'; music: { title?: string; description?: string; musicurl: string; hqmusicurl: string; thumb_media_id: string } }
  | { msgtype: 'news'; news: { articles: NewsArticle[] } }
  | { msgtype: 'mpnewsarticle'; mpnewsarticle: { article_id: string } }
  | { msgtype: 'msgmenu'; msgmenu: { head_content: string; list: Array<{ id: string; content: string }>; tail_content: string } }
  | { msgtype: 'miniprogrampage'; miniprogrampage: { title: string; appid: string; pagepath: string; thumb_media_id: string } };

/** Options common to customer-service messages. */
export interface CustomMessageOptions {
  /** Send as this customer-service account (`kf_account`). */
  kfAccount?: string;
}

/** Customer-service messages (客服消息), sent within 48 h of the user's last interaction. */
export class MessageApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST cgi-bin/message/custom/send` with any message type. */
  send(openId: string, message: CustomMessage, options: CustomMessageOptions = {}): Promise<WeChatAck> {
    const body = { touser: openId, ...message, ...(options.kfAccount ? { customservice: { kf_account: options.kfAccount } } : {}) };
    return this.requester.post('/cgi-bin/message/custom/send', body);
  }

  sendText(openId: string, content: string, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'text', text: { content } }, options);
  }

  sendImage(openId: string, mediaId: string, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'image', image: { media_id: mediaId } }, options);
  }

  sendVoice(openId: string, mediaId: string, options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'voice', voice: { media_id: mediaId } }, options);
  }

  sendVideo(
    openId: string,
    video: { media_id: string; thumb_media_id?: string; title?: string; description?: string },
    options?: CustomMessageOptions,
  ): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'video', video }, options);
  }

  sendNews(openId: string, articles: NewsArticle[], options?: CustomMessageOptions): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'news', news: { articles } }, options);
  }

  sendMiniProgramPage(
    openId: string,
    page: { title: string; appid: string; pagepath: string; thumb_media_id: string },
    options?: CustomMessageOptions,
  ): Promise<WeChatAck> {
    return this.send(openId, { msgtype: 'miniprogrampage', miniprogrampage: page }, options);
  }
}
