/** Requests and answers of {@link WxaApi}'s sub-groups (code, audit, release, settings, codes, privacy guide). */

/** A category of the mini program (`wxa/get_category`). */
export interface WxaCategory {
  first_class: string;
  second_class: string;
  third_class?: string;
  first_id: number;
  second_id: number;
  third_id?: number;
}

/** One audit item of `wxa/submit_audit`: a page, its tags and title, and one of the mini program's categories. */
export interface AuditItem extends WxaCategory {
  address?: string;
  /** Space-separated, at most 10 tags of 20 characters. */
  tag?: string;
  title?: string;
}

/** The body of `wxa/submit_audit`. */
export interface SubmitAuditRequest {
  item_list?: AuditItem[];
  feedback_info?: string;
  feedback_stuff?: string;
  version_desc?: string;
  preview_info?: { video_id_list?: string[]; pic_id_list?: string[] };
  ugc_declare?: { scene?: number[]; other_scene_desc?: string; method?: number[]; has_audit_team?: number; audit_desc?: string };
  privacy_api_not_use?: boolean;
  order_path?: string;
}

/** Audit states: 0 approved, 1 rejected, 2 in review, 3 withdrawn, 4 delayed. */
export type AuditStatusCode = 0 | 1 | 2 | 3 | 4;

/** `wxa/get_auditstatus`. */
export interface AuditStatus {
  status: AuditStatusCode;
  reason?: string;
  screenshot?: string;
}

/** `wxa/get_latest_auditstatus`. */
export interface LatestAuditStatus extends AuditStatus {
  auditid: number;
  user_version?: string;
  user_desc?: string;
  submit_audit_time?: number;
}

/** `wxa/getgrayreleaseplan`. */
export interface GrayReleasePlan {
  /** 0 initial, 1 running, 2 paused, 3 finished, 4 deleted. */
  status: number;
  create_timestamp: number;
  gray_percentage: number;
  support_experiencer_first?: boolean;
  support_debuger_first?: boolean;
}

/** One version of `revertcoderelease?action=get_history_version`. */
export interface HistoryVersion {
  app_version: number;
  user_version: string;
  user_desc: string;
  commit_time: number;
}

/** `wxa/getversioninfo`. */
export interface VersionInfo {
  exp_info?: { exp_time: number; exp_version: string; exp_desc: string };
  release_info?: { release_time: number; release_version: string; release_desc: string };
}

/** Server domains (`wxa/modify_domain`); `requestdomain` etc. are `https://`/`wss://` URLs. */
export interface ServerDomains {
  requestdomain?: string[];
  wsrequestdomain?: string[];
  uploaddomain?: string[];
  downloaddomain?: string[];
  udpdomain?: string[];
  tcpdomain?: string[];
}

/** `wxa/modify_domain`: the domains now in effect (every action answers them). */
export type ServerDomainsResult = Required<ServerDomains>;

/** `wxa/setwebviewdomain`: the web-view (business) domains, answered to `get` only. */
export interface WebviewDomainList {
  webviewdomain?: string[];
}

/** The privacy guide (用户隐私保护指引) of `cgi-bin/component/setprivacysetting`. */
export interface PrivacySetting {
  /** 1 the released version's guide, 2 the development version's (default). */
  privacy_ver?: 1 | 2;
  owner_setting: {
    contact_email?: string;
    contact_phone?: string;
    contact_qq?: string;
    contact_weixin?: string;
    ext_file_media_id?: string;
    notice_method: string;
    store_expire_timestamp?: string;
    store_region?: number;
  };
  setting_list: Array<{ privacy_key: string; privacy_text: string }>;
  sdk_privacy_info_list?: Array<{ sdk_name: string; sdk_biz_name: string; sdk_list: Array<{ privacy_key: string; privacy_text: string }> }>;
}

/** `cgi-bin/component/getprivacysetting`. */
export interface PrivacySettingInfo {
  /** 1 when code has been committed (its privacy keys are listed). */
  code_exist: number;
  privacy_list: string[];
  setting_list: Array<{ privacy_key: string; privacy_text: string; privacy_label: string }>;
  update_time: number;
  owner_setting: PrivacySetting['owner_setting'];
  privacy_desc: { privacy_desc_list: Array<{ privacy_key: string; privacy_desc: string }> };
  sdk_privacy_info_list?: PrivacySetting['sdk_privacy_info_list'];
}

/** Colour of a mini-program code's lines. */
export interface LineColor {
  r: number | string;
  g: number | string;
  b: number | string;
}

/** Options of `wxa/getwxacode` and `wxa/getwxacodeunlimit`. */
export interface WxaCodeOptions {
  width?: number;
  auto_color?: boolean;
  line_color?: LineColor;
  is_hyaline?: boolean;
  /** `release` (default), `trial` or `develop`. */
  env_version?: 'release' | 'trial' | 'develop';
}

/** Options of `wxa/getwxacodeunlimit`. */
export interface WxaCodeUnlimitedOptions extends WxaCodeOptions {
  /** The page opened (no query); the home page when omitted. */
  page?: string;
  /** Check that `page` exists in the released version (default true). */
  check_path?: boolean;
}
