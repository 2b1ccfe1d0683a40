/** Requests of {@link DraftApi} (草稿箱); the articles and pages it answers are shared (`apis/common.ts`). */
import type { ArticleFields } from '../../apis/common.js';

/** An article of the draft box (`thumb_media_id` must be a permanent image material). */
export interface DraftArticle extends ArticleFields {
  /** `news` (default) or `newspic`. */
  article_type?: 'news' | 'newspic';
  pic_crop_235_1?: string;
  pic_crop_1_1?: string;
}
