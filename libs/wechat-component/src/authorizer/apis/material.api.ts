import type { WeChatAck } from '../../component/component-api.types.js';
import type { UploadFile } from '../../http/multipart.js';
import type { WeChatFile } from '../../http/wechat-file.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';

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

/** The fields every article has (news materials, drafts, mass `mpnews`). */
export interface ArticleFields {
  title: string;
  author?: string;
  digest?: string;
  content: string;
  content_source_url?: string;
  thumb_media_id: string;
  need_open_comment?: 0 | 1;
  only_fans_can_comment?: 0 | 1;
}

/** An article of a news material or draft, as WeChat returns it. */
export interface NewsItem extends Omit<ArticleFields, 'need_open_comment' | 'only_fans_can_comment'> {
  thumb_url?: string;
  show_cover_pic?: number;
  need_open_comment?: number;
  only_fans_can_comment?: number;
  url?: string;
  [field: string]: unknown;
}

/** One item of `material/batchget_material`. */
export interface MaterialItem {
  media_id: string;
  name?: string;
  update_time: number;
  url?: string;
  content?: { news_item: NewsItem[] };
}

/** `material/batchget_material`. */
export interface MaterialPage {
  total_count: number;
  item_count: number;
  item: MaterialItem[];
}

/** `material/get_materialcount`. */
export interface MaterialCount {
  voice_count: number;
  video_count: number;
  image_count: number;
  news_count: number;
}

/** Permanent materials (永久素材). */
export class MaterialApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /**
   * `POST cgi-bin/material/add_material?type=`: uploads a permanent material (form field `media`; a video also
   * needs `title` and `introduction`, sent as the `description` field).
   */
  add(type: MaterialType, file: UploadFile, video?: { title: string; introduction: string }): Promise<AddedMaterial> {
    const multipart = [
      { name: 'media', file },
      ...(video ? [{ name: 'description', value: JSON.stringify({ title: video.title, introduction: video.introduction }) }] : []),
    ];
    return this.requester.request({ method: 'POST', path: '/cgi-bin/material/add_material', query: { type }, multipart });
  }

  /** `POST cgi-bin/material/get_material`: a file (image, voice, thumb), a video's details, or news articles. */
  get(mediaId: string): Promise<WeChatFile | VideoMaterial | { news_item: NewsItem[] }> {
    return this.requester.request({ method: 'POST', path: '/cgi-bin/material/get_material', body: { media_id: mediaId }, responseType: 'file' });
  }

  /** `POST cgi-bin/material/del_material`. */
  delete(mediaId: string): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/material/del_material', { media_id: mediaId });
  }

  /** `POST cgi-bin/material/batchget_material`: a page (count 1–20) of one type. */
  batchget(type: MaterialType | 'news', offset = 0, count = 20): Promise<MaterialPage> {
    return this.requester.post('/cgi-bin/material/batchget_material', { type, offset, count });
  }

  /** `GET cgi-bin/material/get_materialcount`. */
  getCount(): Promise<MaterialCount> {
    return this.requester.get('/cgi-bin/material/get_materialcount');
  }
}
