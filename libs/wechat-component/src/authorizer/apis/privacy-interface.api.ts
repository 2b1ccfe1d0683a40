import { getFor, postFor, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type { CodePrivacyInfo, PrivacyInterfaceApplication, PrivacyInterfaceApplyResult, PrivacyInterfaceList } from './privacy-interface.types.js';

/**
 * Privacy interfaces of a mini program (隐私接口, permission set 18): apply for one, list them with their state,
 * and check the committed code before `wxa.submitAudit`. The outcome of an application is pushed to the message URL
 * as `wxa_privacy_apply` (`@OnAuthorizerMessage({ event: 'wxa_privacy_apply' })`).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class PrivacyInterfaceApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/security/apply_privacy_interface`: applies for a privacy interface (refused for an unknown interface,
   * an empty reason, or one applied for or granted already).
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/apply_api/apply_privacy_interface.html
   */
  apply(application: PrivacyInterfaceApplication): Promise<Unwrapped<PrivacyInterfaceApplyResult>> {
    return postFor(this.requester, '/wxa/security/apply_privacy_interface', {
      api_name: application.apiName,
      content: application.content,
      ...(application.urlList ? { url_list: [...application.urlList] } : {}),
      ...(application.picList ? { pic_list: [...application.picList] } : {}),
      ...(application.videoList ? { video_list: [...application.videoList] } : {}),
    });
  }

  /**
   * `GET wxa/security/get_privacy_interface`: every privacy interface and where this mini program stands with it.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/apply_api/get_privacy_interface.html
   */
  list(): Promise<Unwrapped<PrivacyInterfaceList>> {
    return getFor(this.requester, '/wxa/security/get_privacy_interface');
  }

  /**
   * `GET wxa/security/get_code_privacy_info`: the privacy interfaces the committed code uses without permission or
   * declaration. Errors: 61039 the check has not finished (retry in a minute), 61040 interfaces lack permission.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/code-management/api_getcodeprivacyinfo
   */
  getCodePrivacyInfo(): Promise<Unwrapped<CodePrivacyInfo>> {
    return getFor(this.requester, '/wxa/security/get_code_privacy_info');
  }
}
