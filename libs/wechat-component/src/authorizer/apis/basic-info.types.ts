/** Requests and answers of {@link BasicInfoApi} (小程序基本信息设置), as WeChat names the fields. */

/** `cgi-bin/account/getaccountbasicinfo`. */
export interface AccountBasicInfo {
  readonly appid: string;
  /** 1 subscription-type, 2 service-type (official accounts); 0 for mini programs. */
  readonly account_type: number;
  readonly principal_type: number;
  readonly principal_name: string;
  readonly credential?: string;
  /** 1 normal, 14 cancelled, 16 banned, 18 warned, 19 frozen. */
  readonly realname_status: number;
  readonly wx_verify_info: { readonly qualification_verify: boolean; readonly naming_verify: boolean; readonly annual_review?: boolean; readonly annual_review_begin_time?: number; readonly annual_review_end_time?: number };
  readonly signature_info: { readonly signature: string; readonly modify_used_count: number; readonly modify_quota: number };
  readonly head_image_info: { readonly head_image_url: string; readonly modify_used_count: number; readonly modify_quota: number };
  readonly nickname_info: { readonly nickname: string; readonly modify_used_count: number; readonly modify_quota: number };
  readonly registered_country?: number;
  readonly nickname?: string;
  readonly [field: string]: unknown;
}

/** `cgi-bin/wxverify/checkwxverifynickname`. */
export interface NicknameCheck {
  /** True when the name would need supporting documents (a keyword was hit). */
  readonly hit_condition: boolean;
  /** What WeChat says about it. */
  readonly wording?: string;
}

/** The documents a name change may need (media ids of temporary images, `media.upload`). */
export interface NicknameChange {
  readonly nickName: string;
  /** Identity card photo (personal accounts). */
  readonly idCard?: string;
  /** Business licence or organisation code certificate (organisations). */
  readonly license?: string;
  /** Further supporting documents, up to five. */
  readonly otherStuff?: readonly string[];
}

/** `wxa/setnickname`: set at once, or an audit (answered later by the `wxa_nickname_audit` push). */
export interface NicknameChangeResult {
  /** Present when the name goes to an audit. */
  readonly audit_id?: number;
  readonly wording?: string;
}

/** `wxa/api_wxa_querynickname`. */
export interface NicknameAuditStatus {
  readonly nickname: string;
  /** 1 in review, 2 rejected, 3 approved, 4 withdrawn. */
  readonly audit_stat: number;
  readonly fail_reason: string;
  readonly create_time: number;
  readonly audit_time: number;
}

/** A crop of the new head image, in fractions of its width and height (0..1). */
export interface HeadImageCrop {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** `wxa/getwxasearchstatus`: 0 can be found by search, 1 hidden. */
export interface SearchStatus {
  readonly status: 0 | 1;
}
