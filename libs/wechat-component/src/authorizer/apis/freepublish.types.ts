/** Answers of {@link FreePublishApi} (发布能力), as WeChat names the fields. */
import type { NewsItem } from '../../apis/common.js';

/** `freepublish/submit`: the publish job; its outcome comes as the `PUBLISHJOBFINISH` push or from `freepublish/get`. */
export interface PublishSubmitResult {
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

/** An article as published (`freepublish/getarticle`, `freepublish/batchget`). */
export type PublishedArticle = NewsItem & { is_deleted?: boolean };

/** A published article set (`freepublish/batchget`). */
export interface PublishedItem {
  article_id: string;
  content: { news_item: PublishedArticle[] };
  update_time: number;
}

/** `freepublish/batchget`. */
export interface PublishedPage {
  total_count: number;
  item_count: number;
  item: PublishedItem[];
}
