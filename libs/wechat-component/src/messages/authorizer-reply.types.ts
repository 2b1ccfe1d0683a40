/** A passive text reply. A handler may also return the text itself as a string. */
export interface TextReply {
  readonly type: 'text';
  readonly content: string;
}

/** A passive image reply: a media id from the media upload API. */
export interface ImageReply {
  readonly type: 'image';
  readonly mediaId: string;
}

/** A passive voice reply. */
export interface VoiceReply {
  readonly type: 'voice';
  readonly mediaId: string;
}

/** A passive video reply. */
export interface VideoReply {
  readonly type: 'video';
  readonly mediaId: string;
  readonly title?: string;
  readonly description?: string;
}

/** A passive music reply. */
export interface MusicReply {
  readonly type: 'music';
  readonly title?: string;
  readonly description?: string;
  readonly musicUrl?: string;
  /** High-quality link, used on Wi-Fi. */
  readonly hqMusicUrl?: string;
  /** Thumbnail media id (required by WeChat). */
  readonly thumbMediaId: string;
}

/** One article of a {@link NewsReply}. */
export interface NewsReplyArticle {
  readonly title: string;
  readonly description?: string;
  /** Picture URL (large 360×200, small 200×200). */
  readonly picUrl?: string;
  /** Where a tap leads. */
  readonly url?: string;
}

/** A passive news (图文) reply: 1 to 8 articles (WeChat currently shows only the first). */
export interface NewsReply {
  readonly type: 'news';
  readonly articles: readonly NewsReplyArticle[];
}

/** Hands the message to customer service (`transfer_customer_service`), optionally to one agent. */
export interface TransferCustomerServiceReply {
  readonly type: 'transfer_customer_service';
  /** `KfAccount`, e.g. `test1@test`. */
  readonly kfAccount?: string;
}

/** A passive reply as an object. */
export type AuthorizerReplyObject =
  | TextReply
  | ImageReply
  | VoiceReply
  | VideoReply
  | MusicReply
  | NewsReply
  | TransferCustomerServiceReply;

/**
 * What an `@OnAuthorizerMessage` handler may return: a string (a text reply), a reply object, or nothing (no reply:
 * WeChat gets `success` unless another matching handler replies). An empty string is no reply.
 */
export type AuthorizerReply = string | AuthorizerReplyObject;

/** The return type of an `@OnAuthorizerMessage` handler, sync or async. */
export type AuthorizerMessageHandlerResult =
  | AuthorizerReply
  | null
  | undefined
  | void
  | Promise<AuthorizerReply | null | undefined | void>;
