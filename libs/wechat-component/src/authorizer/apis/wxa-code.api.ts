import { getFor, postAction, postRead, type ApiRequester } from '../../apis/common.js';
import type { WeChatFile } from '../../http/wechat-file.js';
import type { VersionInfo, WxaCategory } from './wxa.types.js';

/**
 * A mini program's code (代码管理, permission set 18): commit from a template of the platform's library, the pages
 * and categories of the committed code, the experience QR code, the versions. Reached as `client.wxa.code`; the
 * sandbox's `wxa-code.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class WxaCodeApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/commit`: uploads code from a template of the platform's library; `extJson` is sent as a string.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/commit.html
   */
  commit(templateId: number | string, extJson: string | Record<string, unknown>, version: string, description: string): Promise<void> {
    return postAction(this.requester, '/wxa/commit', {
      template_id: templateId,
      ext_json: typeof extJson === 'string' ? extJson : JSON.stringify(extJson),
      user_version: version,
      user_desc: description,
    });
  }

  /**
   * `GET wxa/get_qrcode`: the experience version's QR code (a JPEG); `path` may carry a query.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getTrialQRCode.html
   */
  getQrcode(path?: string): Promise<WeChatFile> {
    return this.requester.request({ method: 'GET', path: '/wxa/get_qrcode', query: path === undefined ? {} : { path }, responseType: 'file' });
  }

  /**
   * `GET wxa/get_category`: the categories set on the mini program (for audit items).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/category-management/getAllCategoryName.html
   */
  async getCategory(): Promise<WxaCategory[]> {
    return (await getFor<{ category_list: WxaCategory[] }>(this.requester, '/wxa/get_category')).category_list;
  }

  /**
   * `GET wxa/get_page`: the pages of the committed code.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getCodePage.html
   */
  async getPage(): Promise<string[]> {
    return (await getFor<{ page_list: string[] }>(this.requester, '/wxa/get_page')).page_list;
  }

  /**
   * `POST wxa/getversioninfo` (body `{}`): the experience and released versions.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getVersionInfo.html
   */
  getVersionInfo(): Promise<VersionInfo> {
    return postRead<VersionInfo>(this.requester, '/wxa/getversioninfo', {});
  }
}
