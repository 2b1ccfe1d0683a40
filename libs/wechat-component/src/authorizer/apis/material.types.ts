/** Requests and answers of {@link MaterialApi} (永久素材), as WeChat names the fields; articles and pages of materials are shared (`apis/common.ts`). */
import type { NewsItem } from '../../apis/common.js';

/** Types of permanent materials (`news` only in listings). */
export type MaterialType = 'image' | 'voice' | 'video' | 'thumb';

/** `material/add_material`; `url` is given for images. */
export interface AddedMaterial {
  media_id: string;
  url?: string;
}

/** `material/get_material` of a video. */
export interface VideoMaterial {
  title: string;
  description: string;
  down_url: string;
}

/** `material/get_material` of a news material. */
export interface NewsMaterial {
  news_item: NewsItem[];
}

/** `material/get_materialcount`. */
export interface MaterialCount {
  voice_count: number;
  video_count: number;
  image_count: number;
  news_count: number;
}
