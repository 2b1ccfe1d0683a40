import type { WeChatAck } from '../../component/component-api.types.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';

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

/** A page of openids (`user/get`, `user/tag/get`, the blacklist). */
export interface OpenIdPage {
  total?: number;
  count: number;
  data?: { openid: string[] };
  next_openid: string;
}

/** Followers of an official account (用户管理). */
export class UserApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `GET cgi-bin/user/info`: one user's details. */
  get(openId: string, lang: UserLanguage = 'zh_CN'): Promise<UserInfo> {
    return this.requester.get('/cgi-bin/user/info', { openid: openId, lang });
  }

  /** `POST cgi-bin/user/info/batchget`: up to 100 users at once. */
  async getBatch(users: ReadonlyArray<string | { openid: string; lang?: UserLanguage }>): Promise<UserInfo[]> {
    const userList = users.map((user) => (typeof user === 'string' ? { openid: user } : user));
    const answer = await this.requester.post<{ user_info_list: UserInfo[] }>('/cgi-bin/user/info/batchget', { user_list: userList });
    return answer.user_info_list;
  }

  /** `GET cgi-bin/user/get`: one page (up to 10 000) of follower openids, from `nextOpenId`. */
  getFollowers(nextOpenId?: string): Promise<OpenIdPage> {
    return this.requester.get('/cgi-bin/user/get', nextOpenId ? { next_openid: nextOpenId } : {});
  }

  /** Every follower's openid, page by page (`user/get` until `next_openid` is empty). */
  async *iterFollowers(firstOpenId?: string): AsyncGenerator<string> {
    yield* iteratePages((next) => this.getFollowers(next), firstOpenId);
  }

  /** `POST cgi-bin/user/info/updateremark`: sets the remark name (under 30 characters). */
  updateRemark(openId: string, remark: string): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/user/info/updateremark', { openid: openId, remark });
  }
}

/**
 * Walks openid pages until WeChat has no more. WeChat returns a `next_openid` even on the last page, so a page
 * without `data` (or with no openids) ends the walk too.
 */
export async function* iteratePages(fetchPage: (next?: string) => Promise<OpenIdPage>, first?: string): AsyncGenerator<string> {
  let next = first;
  for (;;) {
    const page = await fetchPage(next);
    const openIds = page.data?.openid ?? [];
    yield* openIds;
    if (openIds.length === 0 || !page.next_openid) return;
    next = page.next_openid;
  }
}
