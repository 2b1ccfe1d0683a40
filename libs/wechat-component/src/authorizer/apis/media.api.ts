import type { UploadFile } from '../../http/multipart.js';
import type { WeChatFile } from '../../http/wechat-file.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';
import type { ArticleFields } from './material.api.js';

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

/** Temporary media (临时素材): streamed uploads and downloads. */
export class MediaApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST cgi-bin/media/upload?type=`: uploads a temporary medium (form field `media`). */
  upload(type: MediaType, file: UploadFile): Promise<UploadedMedia> {
    return this.requester.request({ method: 'POST', path: '/cgi-bin/media/upload', query: { type }, multipart: [{ name: 'media', file }] });
  }

  /**
   * `GET cgi-bin/media/get`: the file, as a stream (`WeChatFile`); for a video WeChat answers its URL instead.
   */
  download(mediaId: string): Promise<WeChatFile | { video_url: string }> {
    return this.requester.request({ method: 'GET', path: '/cgi-bin/media/get', query: { media_id: mediaId }, responseType: 'file' });
  }

  /** `POST cgi-bin/media/uploadimg`: an image for article bodies (jpg/png, ≤ 1 MB); returns its URL. */
  async uploadImage(file: UploadFile): Promise<string> {
    const answer = await this.requester.request<{ url: string }>({ method: 'POST', path: '/cgi-bin/media/uploadimg', multipart: [{ name: 'media', file }] });
    return answer.url;
  }

  /** Same as {@link MediaApi.uploadImage} (wechatpy's `upload_mass_image`). */
  uploadMassImage(file: UploadFile): Promise<string> {
    return this.uploadImage(file);
  }

  /** `POST cgi-bin/media/uploadvideo`: turns an uploaded video into a mass-message video (`mpvideo`). */
  uploadVideo(mediaId: string, title: string, description: string): Promise<UploadedMedia> {
    return this.requester.post('/cgi-bin/media/uploadvideo', { media_id: mediaId, title, description });
  }

  /** `POST cgi-bin/media/uploadnews`: articles for a mass `mpnews` message. */
  uploadArticles(articles: readonly MassArticle[]): Promise<UploadedMedia> {
    return this.requester.post('/cgi-bin/media/uploadnews', { articles: [...articles] });
  }
}
