/** Requests and answers of {@link MediaApi} (临时素材), as WeChat names the fields. */
import type { ArticleFields } from '../../apis/common.js';

/** Types of temporary media. */
export type MediaType = 'image' | 'voice' | 'video' | 'thumb';

/** `media/upload`: a temporary medium (kept 3 days). `thumb` answers `thumb_media_id` instead of `media_id`. */
export interface UploadedMedia {
  type: MediaType | 'news';
  media_id?: string;
  thumb_media_id?: string;
  created_at: number;
}

/** An article of `media/uploadnews` (mass `mpnews`). */
export interface MassArticle extends ArticleFields {
  show_cover_pic?: 0 | 1;
}
