/** Requests and answers of {@link MessageApi}'s sub-groups (customer-service, mass, template and subscription messages). */

/** A news article of a customer-service `news` message. */
export interface NewsArticle {
  title: string;
  description?: string;
  url: string;
  picurl?: string;
}

/** A mini-program card (`miniprogrampage`). */
export interface MiniProgramPage {
  title: string;
  appid?: string;
  pagepath: string;
  thumb_media_id: string;
}

/** The body of a customer-service message, by `msgtype`, as WeChat defines it. */
export type CustomMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'voice'; voice: { media_id: string } }
  | { msgtype: 'video'; video: { media_id: string; thumb_media_id?: string; title?: string; description?: string } }
  | { msgtype: 'music'; music: { title?: string; description?: string; musicurl: string; hqmusicurl: string; thumb_media_id: string } }
  | { msgtype: 'news'; news: { articles: NewsArticle[] } }
  | { msgtype: 'mpnews'; mpnews: { media_id: string } }
  | { msgtype: 'mpnewsarticle'; mpnewsarticle: { article_id: string } }
  | { msgtype: 'msgmenu'; msgmenu: { head_content: string; list: Array<{ id: string; content: string }>; tail_content: string } }
  | { msgtype: 'wxcard'; wxcard: { card_id: string; card_ext?: string } }
  | { msgtype: 'link'; link: { title: string; description: string; url: string; thumb_url: string } }
  | { msgtype: 'miniprogrampage'; miniprogrampage: MiniProgramPage };

/** Options common to customer-service messages. */
export interface CustomMessageOptions {
  /** Send as this customer-service account (`kf_account`). */
  kfAccount?: string;
}

/** The content of a mass message (群发), by `msgtype`. */
export type MassMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'voice'; voice: { media_id: string } }
  | { msgtype: 'mpvideo'; mpvideo: { media_id: string; title?: string; description?: string } }
  | { msgtype: 'mpnews'; mpnews: { media_id: string } }
  | { msgtype: 'wxcard'; wxcard: { card_id: string } };

/** Who receives a mass message: everyone, a tag's followers, or a list of 2–10 000 openids. */
export type MassTarget = { toAll: true } | { tagId: number } | { openIds: readonly string[] };

/** Who receives a preview: one follower by openid, or by WeChat ID. */
export type MassPreviewTarget = { openId: string } | { wxName: string };

/** Options of a mass send. */
export interface MassOptions {
  /** 1: go on when an article is judged a reprint that allows reprinting. Default 0. */
  sendIgnoreReprint?: 0 | 1;
  /** Your id of the job (≤ 64 bytes): WeChat refuses a second job with the same id (45065). */
  clientMsgId?: string;
}

/** `message/mass/sendall`, `message/mass/send`. */
export interface MassSendResult {
  msg_id: number;
  /** For `mpnews`: the id of the published articles. */
  msg_data_id?: number;
}

/** `message/mass/get`. */
export interface MassStatus {
  msg_id: number;
  /** SEND_SUCCESS, SENDING, SEND_FAIL or DELETE. */
  msg_status: string;
}

/** The `data` of a template or subscription message: `{ keyword1: { value, color } }`. */
export type TemplateData = Record<string, { value: string; color?: string }>;

/** Options of a template message. */
export interface TemplateMessageOptions {
  /** Opened when the message is tapped. */
  url?: string;
  /** Opens this mini-program page instead (the mini program must be linked to the account). */
  miniProgram?: { appid: string; pagepath?: string };
  /** Your id of the message, so a retried send is not delivered twice. */
  clientMsgId?: string;
}

/** One-time subscription message of an official account (`message/template/subscribe`). */
export interface SubscribeTemplateMessage {
  templateId: string;
  /** 0–10000, the scene the user subscribed in. */
  scene: number;
  /** Title, at most 15 characters. */
  title: string;
  data: { content: { value: string; color?: string } };
  url?: string;
  miniProgram?: { appid: string; pagepath?: string };
}

/** Options of a mini program's subscription message (`message/subscribe/send`). */
export interface SubscribeMessageOptions {
  /** The page the message opens (with a query), e.g. `pages/order/order?id=1`. */
  page?: string;
  /** Which version the page opens in: `formal` (default), `trial` or `developer`. */
  miniprogramState?: 'developer' | 'trial' | 'formal';
  /** `zh_CN` (default), `en_US`, `zh_HK` or `zh_TW`. */
  lang?: string;
}

/** A subscription notice of an official account (`message/subscribe/bizsend`). */
export interface BizSubscribeMessage {
  templateId: string;
  data: Record<string, { value: string }>;
  page?: string;
  miniProgram?: { appid: string; pagepath?: string };
}
