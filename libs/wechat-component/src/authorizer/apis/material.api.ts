import { download, getFor, postAction, postRead, uploadFor, type ApiRequester, type MaterialPage } from '../../apis/common.js';
import type { UploadFile } from '../../http/multipart.js';
import type { WeChatFile } from '../../http/wechat-file.js';
import type { AddedMaterial, MaterialCount, MaterialType, NewsMaterial, VideoMaterial } from './material.types.js';

/**
 * Permanent materials (永久素材, permission set 8); articles are written in the draft box (`draft`).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class MaterialApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/material/add_material?type=`: uploads a permanent material (form field `media`; a video also
   * needs `title` and `introduction`, sent as the `description` field).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
   */
  add(type: MaterialType, file: UploadFile, video?: { title: string; introduction: string }): Promise<AddedMaterial> {
    const multipart = [
      { name: 'media', file },
      ...(video ? [{ name: 'description', value: JSON.stringify({ title: video.title, introduction: video.introduction }) }] : []),
    ];
    return uploadFor<AddedMaterial>(this.requester, '/cgi-bin/material/add_material', multipart, { type });
  }

  /**
   * `POST cgi-bin/material/get_material`: a file (image, voice, thumb), a video's details, or news articles.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Getting_Permanent_Assets.html
   */
  get(mediaId: string): Promise<WeChatFile | VideoMaterial | NewsMaterial> {
    return download<VideoMaterial | NewsMaterial>(this.requester, { method: 'POST', path: '/cgi-bin/material/get_material', body: { media_id: mediaId } });
  }

  /**
   * `POST cgi-bin/material/del_material`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Deleting_Permanent_Assets.html
   */
  delete(mediaId: string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/material/del_material', { media_id: mediaId });
  }

  /**
   * `POST cgi-bin/material/batchget_material`: a page (count 1–20) of one type.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_materials_list.html
   */
  batchget(type: MaterialType | 'news', offset = 0, count = 20): Promise<MaterialPage> {
    return postRead<MaterialPage>(this.requester, '/cgi-bin/material/batchget_material', { type, offset, count });
  }

  /**
   * `GET cgi-bin/material/get_materialcount`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_the_total_of_all_materials.html
   */
  getCount(): Promise<MaterialCount> {
    return getFor<MaterialCount>(this.requester, '/cgi-bin/material/get_materialcount');
  }
}
