import { postAction, postRead, uploadFor, type ApiRequester } from '../../apis/common.js';
import type { UploadFile } from '../../http/multipart.js';
import type { PrivacySetting, PrivacySettingInfo } from './wxa.types.js';

/**
 * A mini program's privacy guide (用户隐私保护指引, permission set 18), required before an audit: of the released
 * (1) or the development (2) version. Reached as `client.wxa.privacy`; the sandbox's `wxa-privacy.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class WxaPrivacyApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/component/setprivacysetting`: the privacy guide (of the development version unless `privacy_ver`).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/setPrivacySetting.html
   */
  setPrivacySetting(setting: PrivacySetting): Promise<void> {
    return postAction(this.requester, '/cgi-bin/component/setprivacysetting', { privacy_ver: 2, ...setting });
  }

  /**
   * `POST cgi-bin/component/getprivacysetting`: the guide, and the privacy keys the committed code uses.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/getPrivacySetting.html
   */
  getPrivacySetting(privacyVer: 1 | 2 = 2): Promise<PrivacySettingInfo> {
    return postRead<PrivacySettingInfo>(this.requester, '/cgi-bin/component/getprivacysetting', { privacy_ver: privacyVer });
  }

  /**
   * `POST cgi-bin/component/uploadprivacyextfile`: a supplementary privacy file (form field `file`, a .txt); returns
   * its media id, for `owner_setting.ext_file_media_id`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/uploadPrivacySetting.html
   */
  async uploadPrivacyExtFile(file: UploadFile): Promise<string> {
    return (await uploadFor<{ ext_file_media_id: string }>(this.requester, '/cgi-bin/component/uploadprivacyextfile', [{ name: 'file', file }])).ext_file_media_id;
  }
}
