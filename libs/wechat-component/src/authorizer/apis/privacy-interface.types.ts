/** Requests and answers of {@link PrivacyInterfaceApi}. */

/** An application for a privacy interface (e.g. `wx.getLocation`). */
export interface PrivacyInterfaceApplication {
  /** The interface, e.g. `wx.chooseAddress`. */
  readonly apiName: string;
  /** Why the mini program needs it (shown to the reviewer). */
  readonly content: string;
  /** Pages or pictures (media ids) and videos showing where it is used. */
  readonly urlList?: readonly string[];
  readonly picList?: readonly string[];
  readonly videoList?: readonly string[];
}

/** `wxa/security/apply_privacy_interface`: the application's audit id (the result comes as `wxa_privacy_apply`). */
export interface PrivacyInterfaceApplyResult {
  readonly audit_id: number;
}

/** One interface of `get_privacy_interface`. */
export interface PrivacyInterface {
  readonly api_name: string;
  readonly api_ch_name: string;
  readonly api_desc: string;
  /** 1 to apply, 2 no permission, 3 applying, 4 refused, 5 granted. */
  readonly status: number;
  readonly audit_id?: number;
  readonly apply_time?: number;
  readonly fail_reason?: string;
  readonly api_link?: string;
  readonly group_name?: string;
}

/** `wxa/security/get_privacy_interface`. */
export interface PrivacyInterfaceList {
  readonly interface_list: readonly PrivacyInterface[];
}

/** `wxa/security/get_code_privacy_info`: privacy interfaces the committed code uses without permission or declaration. */
export interface CodePrivacyInfo {
  /** Used, but the mini program has no permission. */
  readonly without_auth_list: readonly string[];
  /** Used, but not declared in ext.json. */
  readonly without_conf_list: readonly string[];
}
