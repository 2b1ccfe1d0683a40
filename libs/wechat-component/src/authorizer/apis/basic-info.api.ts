import { getFor, postAction, postFor, postRead, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type { AccountBasicInfo, HeadImageCrop, NicknameAuditStatus, NicknameChange, NicknameChangeResult, NicknameCheck, SearchStatus } from './basic-info.types.js';

/**
 * A mini program's account settings (小程序基本信息设置, permission set 30): basic info, name (checked, set, audited —
 * the `wxa_nickname_audit` push at `@OnAuthorizerMessage({ event: 'wxa_nickname_audit' })`), head image, introduction
 * (signature), whether search finds it, and the rebinding of its administrator.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class BasicInfoApi {
  constructor(
    private readonly requester: ApiRequester,
    private readonly pages: { readonly mpBaseUrl: string; readonly componentAppId: string },
  ) {}

  /**
   * `GET cgi-bin/account/getaccountbasicinfo`: principal, verification, and the name, head image and introduction
   * with how many changes of each are left this month.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/basic-info-management/getAccountBasicInfo.html
   */
  getAccountBasicInfo(): Promise<Unwrapped<AccountBasicInfo>> {
    return getFor(this.requester, '/cgi-bin/account/getaccountbasicinfo');
  }

  /**
   * `POST cgi-bin/wxverify/checkwxverifynickname`: whether a name would need supporting documents. Errors: 53010
   * malformed, 53011 checked too often, 53012 forbidden, 53013 taken, 53018 a WeChat ID, 53019 protected.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/Mini_Program_Information_Settings.html
   */
  checkNickname(nickName: string): Promise<Unwrapped<NicknameCheck>> {
    return postRead(this.requester, '/cgi-bin/wxverify/checkwxverifynickname', { nick_name: nickName });
  }

  /**
   * `POST wxa/setnickname`: sets the name, at once or through an audit (`audit_id` in the answer). Errors: as
   * {@link checkNickname}, and 91001–91011 for missing or refused documents.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/basic-info-management/api_setnickname
   */
  setNickname(change: NicknameChange): Promise<Unwrapped<NicknameChangeResult>> {
    const stuff = Object.fromEntries((change.otherStuff ?? []).slice(0, 5).map((mediaId, i) => [`naming_other_stuff_${i + 1}`, mediaId]));
    return postFor(this.requester, '/wxa/setnickname', {
      nick_name: change.nickName,
      ...(change.idCard === undefined ? {} : { id_card: change.idCard }),
      ...(change.license === undefined ? {} : { license: change.license }),
      ...stuff,
    });
  }

  /**
   * `POST wxa/api_wxa_querynickname`: the state of a name audit (an unknown audit id is refused).
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/Mini_Program_Information_Settings.html
   */
  queryNickname(auditId: number): Promise<Unwrapped<NicknameAuditStatus>> {
    return postRead(this.requester, '/wxa/api_wxa_querynickname', { audit_id: auditId });
  }

  /**
   * `POST cgi-bin/account/modifyheadimage`: sets the head image from a temporary image (`media.upload`) cropped to
   * `crop`. Errors: 53202 no changes left this month, 40007 unknown media.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/Mini_Program_Information_Settings.html
   */
  modifyHeadImage(mediaId: string, crop: HeadImageCrop = { x1: 0, y1: 0, x2: 1, y2: 1 }): Promise<void> {
    return postAction(this.requester, '/cgi-bin/account/modifyheadimage', { head_img_media_id: mediaId, ...crop });
  }

  /**
   * `POST cgi-bin/account/modifysignature`: sets the introduction (4–120 characters). Errors: 53200 no changes left
   * this month, 53201 a forbidden word, 53204 invalid.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/Mini_Program_Information_Settings.html
   */
  modifySignature(signature: string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/account/modifysignature', { signature });
  }

  /**
   * `GET wxa/getwxasearchstatus`: whether WeChat search finds the mini program (0) or not (1).
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/Mini_Program_Information_Settings.html
   */
  getSearchStatus(): Promise<Unwrapped<SearchStatus>> {
    return getFor(this.requester, '/wxa/getwxasearchstatus');
  }

  /**
   * `POST wxa/changewxasearchstatus`: hides the mini program from search (`hidden: true`) or shows it.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/Mini_Program_Information_Settings.html
   */
  changeSearchStatus(hidden: boolean): Promise<void> {
    return postAction(this.requester, '/wxa/changewxasearchstatus', { status: hidden ? 1 : 0 });
  }

  /**
   * The page where the mini program's administrator confirms a new administrator (no call to WeChat): it redirects
   * to `redirectUri?appid=…&taskid=…`; pass that `taskid` to {@link rebindAdmin}.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/Mini_Program_Information_Settings.html
   */
  getRebindAdminUrl(redirectUri: string): string {
    const url = new URL('/wxopen/componentrebindadmin', this.pages.mpBaseUrl);
    url.search = new URLSearchParams({ appid: this.requester.appId, component_appid: this.pages.componentAppId, redirect_uri: redirectUri }).toString();
    return url.toString();
  }

  /**
   * `POST cgi-bin/account/componentrebindadmin`: completes the administrator change confirmed on the page of
   * {@link getRebindAdminUrl}. Errors: 89250 unknown or expired task.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/Mini_Program_Information_Settings.html
   */
  rebindAdmin(taskId: string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/account/componentrebindadmin', { taskid: taskId });
  }
}
