/** Requests and answers of {@link UserApi} (用户管理), as WeChat names the fields. */

/** Languages of `user/info`. */
export type UserLanguage = 'zh_CN' | 'zh_TW' | 'en';

/** `user/info`: a follower (since 2021 WeChat no longer returns nickname and avatar here). */
export interface UserInfo {
  /** 0: the user does not follow the account, and only `openid` (and `unionid`) are returned. */
  subscribe: number;
  openid: string;
  language?: string;
  subscribe_time?: number;
  unionid?: string;
  remark?: string;
  groupid?: number;
  tagid_list?: number[];
  /** e.g. ADD_SCENE_QR_CODE, ADD_SCENE_SEARCH. */
  subscribe_scene?: string;
  qr_scene?: number;
  qr_scene_str?: string;
}
