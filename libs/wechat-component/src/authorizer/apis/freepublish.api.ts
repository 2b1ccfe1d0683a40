import type { WeChatAck } from '../../component/component-api.types.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';
import type { NewsItem } from './material.api.js';

/** `freepublish/submit`. */
export interface PublishSubmitResult {
  errcode: number;
  errmsg: string;
  publish_id: string;
  msg_data_id?: number;
}

/** `freepublish/get`. */
export interface PublishStatus {
  publish_id: string;
  /** 0 published, 1 publishing, 2 original-content check failed, 3 failed, 4 rejected, 5 deleted, 6 banned. */
  publish_status: number;
  article_id?: string;
  article_detail?: { count: number; item: Array<{ idx: number; article_url: string }> };
  fail_idx?: number[];
}

/** A published article set (`freepublish/batchget`). */
export interface PublishedItem {
  article_id: string;
  content: { news_item: Array<NewsItem & { is_deleted?: boolean }> };
  update_time: number;
}

/** Publishing drafts (发布能力). */
export class FreePublishApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST cgi-bin/freepublish/submit`: publishes a draft; poll {@link FreePublishApi.get} for the outcome. */
  submit(mediaId: string): Promise<PublishSubmitResult> {
    return this.requester.post('/cgi-bin/freepublish/submit', { media_id: mediaId });
  }

  /** `POST cgi-bin/freepublish/get`: the state of a publish job. */
  get(publishId: string): Promise<PublishStatus> {
    return this.requester.post('/cgi-bin/freepublish/get', { publish_id: publishId });
  }

  /** `POST cgi-bin/freepublish/delete`: deletes a published article (`index` 1-based; 0 or omitted: all). */
  delete(articleId: string, index = 0): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/freepublish/delete', { article_id: articleId, index });
  }

  /** `POST cgi-bin/freepublish/getarticle`. */
  getArticle(articleId: string): Promise<{ news_item: Array<NewsItem & { is_deleted?: boolean }> }> {
    return this.requester.post('/cgi-bin/freepublish/getarticle', { article_id: articleId });
  }

  /** `POST cgi-bin/freepublish/batchget`: a page (count 1–20) of published articles. */
  batchget(offset = 0, count = 20, noContent = false): Promise<{ total_count: number; item_count: number; item: PublishedItem[] }> {
    return this.requester.post('/cgi-bin/freepublish/batchget', { offset, count, no_content: noContent ? 1 : 0 });
  }
}
