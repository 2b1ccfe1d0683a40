import { buildXml, type XmlInputObject } from '../xml/wechat-xml.js';
import type { AuthorizerMessageBase } from './authorizer-message.types.js';
import type { AuthorizerReplyObject } from './authorizer-reply.types.js';

/** A handler returned something that is not a reply; the message says what is wrong (never the value itself). */
export class InvalidReplyError extends Error {}

const MAX_ARTICLES = 8;

/**
 * Reads what a handler returned: `undefined` for no reply (nothing, null or an empty string), a text reply for a
 * string, the reply object when it is well formed. Throws {@link InvalidReplyError} otherwise.
 */
export function toReplyObject(value: unknown): AuthorizerReplyObject | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return { type: 'text', content: value };
  if (typeof value !== 'object') throw new InvalidReplyError(`a reply must be a string or an object, not a ${typeof value}`);
  const reply = value as Record<string, unknown>;
  switch (reply.type) {
    case 'text':
      requireString(reply, 'content');
      break;
    case 'image':
    case 'voice':
    case 'video':
      requireString(reply, 'mediaId');
      break;
    case 'music':
      requireString(reply, 'thumbMediaId');
      break;
    case 'news':
      checkArticles(reply.articles);
      break;
    case 'transfer_customer_service':
      break;
    default:
      throw new InvalidReplyError('a reply object needs a type: text, image, voice, video, music, news or transfer_customer_service');
  }
  return value as AuthorizerReplyObject;
}

/**
 * The plain passive-reply XML for `message` (before encryption): `ToUserName` and `FromUserName` swapped, strings in
 * CDATA, `CreateTime` bare.
 */
export function renderReplyXml(reply: AuthorizerReplyObject, message: AuthorizerMessageBase, createTime: number): string {
  return buildXml({
    ToUserName: message.fromUserName,
    FromUserName: message.toUserName,
    CreateTime: createTime,
    MsgType: reply.type,
    ...body(reply),
  });
}

function body(reply: AuthorizerReplyObject): XmlInputObject {
  switch (reply.type) {
    case 'text':
      return { Content: reply.content };
    case 'image':
      return { Image: { MediaId: reply.mediaId } };
    case 'voice':
      return { Voice: { MediaId: reply.mediaId } };
    case 'video':
      return { Video: { MediaId: reply.mediaId, Title: reply.title, Description: reply.description } };
    case 'music':
      return {
        Music: {
          Title: reply.title,
          Description: reply.description,
          MusicUrl: reply.musicUrl,
          HQMusicUrl: reply.hqMusicUrl,
          ThumbMediaId: reply.thumbMediaId,
        },
      };
    case 'news':
      return {
        ArticleCount: reply.articles.length,
        Articles: reply.articles.map((article) => ({
          Title: article.title,
          Description: article.description,
          PicUrl: article.picUrl,
          Url: article.url,
        })),
      };
    case 'transfer_customer_service':
      return reply.kfAccount ? { TransInfo: { KfAccount: reply.kfAccount } } : {};
  }
}

function requireString(reply: Record<string, unknown>, field: string): void {
  if (typeof reply[field] !== 'string' || reply[field] === '') {
    throw new InvalidReplyError(`a ${String(reply.type)} reply needs ${field} (a non-empty string)`);
  }
}

function checkArticles(articles: unknown): void {
  if (!Array.isArray(articles) || articles.length < 1 || articles.length > MAX_ARTICLES) {
    throw new InvalidReplyError(`a news reply needs 1 to ${MAX_ARTICLES} articles`);
  }
  for (const article of articles) {
    if (!article || typeof article !== 'object' || typeof (article as Record<string, unknown>).title !== 'string') {
      throw new InvalidReplyError('every article of a news reply needs a title');
    }
  }
}
