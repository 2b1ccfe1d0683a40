import { download, postFor, uploadFor, type ApiRequester } from '../../apis/common.js';
import type { UploadFile } from '../../http/multipart.js';
import type { WeChatFile } from '../../http/wechat-file.js';
import type { MassArticle, MediaType, UploadedMedia } from './media.types.js';

/**
 * Temporary media (临时素材, permission set 8): streamed uploads and downloads, and the media mass messages send.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class MediaApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/media/upload?type=`: uploads a temporary medium (form field `media`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/New_temporary_materials.html
   */
  upload(type: MediaType, file: UploadFile): Promise<UploadedMedia> {
    return uploadFor<UploadedMedia>(this.requester, '/cgi-bin/media/upload', [{ name: 'media', file }], { type });
  }

  /**
   * `GET cgi-bin/media/get`: the file, as a stream (`WeChatFile`); for a video WeChat answers its URL instead.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_temporary_materials.html
   */
  download(mediaId: string): Promise<WeChatFile | { video_url: string }> {
    return download<{ video_url: string }>(this.requester, { method: 'GET', path: '/cgi-bin/media/get', query: { media_id: mediaId } });
  }

  /**
   * `POST cgi-bin/media/uploadimg`: an image for article bodies (jpg/png, ≤ 1 MB); returns its URL.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
   */
  async uploadImage(file: UploadFile): Promise<string> {
    return (await uploadFor<{ url: string }>(this.requester, '/cgi-bin/media/uploadimg', [{ name: 'media', file }])).url;
  }

  /**
   * Same as {@link MediaApi.uploadImage} (wechatpy's `upload_mass_image`): `POST cgi-bin/media/uploadimg`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
   */
  uploadMassImage(file: UploadFile): Promise<string> {
    return this.uploadImage(file);
  }

  /**
   * `POST cgi-bin/media/uploadvideo`: turns an uploaded video into a mass-message video (`mpvideo`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  uploadVideo(mediaId: string, title: string, description: string): Promise<UploadedMedia> {
    return postFor<UploadedMedia>(this.requester, '/cgi-bin/media/uploadvideo', { media_id: mediaId, title, description });
  }

  /**
   * `POST cgi-bin/media/uploadnews`: articles for a mass `mpnews` message.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  uploadArticles(articles: readonly MassArticle[]): Promise<UploadedMedia> {
    return postFor<UploadedMedia>(this.requester, '/cgi-bin/media/uploadnews', { articles: [...articles] });
  }
}
