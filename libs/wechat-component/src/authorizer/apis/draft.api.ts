import type { WeChatAck } from '../../component/component-api.types.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';
import type { ArticleFields, MaterialPage, NewsItem } from './material.api.js';

/** An article of the draft box (`thumb_media_id` must be a permanent image material). */
export interface DraftArticle extends ArticleFields {
  /** `news` (default) or `newspic`. */
  article_type?: 'news' | 'newspic';
  pic_crop_235_1?: string;
  pic_crop_1_1?: string;
}

/** The draft box (草稿箱). */
export class DraftApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST cgi-bin/draft/add`: a new draft of 1–8 articles; returns its media id. */
  async add(articles: readonly DraftArticle[]): Promise<string> {
    return (await this.requester.post<{ media_id: string }>('/cgi-bin/draft/add', { articles: [...articles] })).media_id;
  }

  /** `POST cgi-bin/draft/get`. */
  get(mediaId: string): Promise<{ news_item: NewsItem[] }> {
    return this.requester.post('/cgi-bin/draft/get', { media_id: mediaId });
  }

  /** `POST cgi-bin/draft/delete`. */
  delete(mediaId: string): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/draft/delete', { media_id: mediaId });
  }

  /** `POST cgi-bin/draft/update`: replaces the article at `index` (0-based). */
  update(mediaId: string, index: number, article: DraftArticle): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/draft/update', { media_id: mediaId, index, articles: article });
  }

  /** `GET cgi-bin/draft/count`. */
  async count(): Promise<number> {
    return (await this.requester.get<{ total_count: number }>('/cgi-bin/draft/count')).total_count;
  }

  /** `POST cgi-bin/draft/batchget`: a page (count 1–20); `noContent` leaves out the article bodies. */
  batchget(offset = 0, count = 20, noContent = false): Promise<MaterialPage> {
    return this.requester.post('/cgi-bin/draft/batchget', { offset, count, no_content: noContent ? 1 : 0 });
  }
}
