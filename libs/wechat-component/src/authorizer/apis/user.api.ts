import { getFor, iterateOpenIds, postAction, postRead, type ApiRequester, type OpenIdPage } from '../../apis/common.js';
import type { UserInfo, UserLanguage } from './user.types.js';

/**
 * Followers of an official account (用户管理, permission set 2): details, the follower list, remarks.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class UserApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `GET cgi-bin/user/info`: one user's details.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html
   */
  get(openId: string, lang: UserLanguage = 'zh_CN'): Promise<UserInfo> {
    return getFor<UserInfo>(this.requester, '/cgi-bin/user/info', { openid: openId, lang });
  }

  /**
   * `POST cgi-bin/user/info/batchget`: up to 100 users at once.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html
   */
  async getBatch(users: ReadonlyArray<string | { openid: string; lang?: UserLanguage }>): Promise<UserInfo[]> {
    const userList = users.map((user) => (typeof user === 'string' ? { openid: user } : user));
    return (await postRead<{ user_info_list: UserInfo[] }>(this.requester, '/cgi-bin/user/info/batchget', { user_list: userList })).user_info_list;
  }

  /**
   * `GET cgi-bin/user/get`: one page (up to 10 000) of follower openids, from `nextOpenId` (a page of several fields:
   * returned whole).
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html
   */
  getFollowers(nextOpenId?: string): Promise<OpenIdPage> {
    return getFor<OpenIdPage>(this.requester, '/cgi-bin/user/get', nextOpenId ? { next_openid: nextOpenId } : {});
  }

  /**
   * Every follower's openid, page by page (`GET cgi-bin/user/get` until `next_openid` is empty).
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html
   */
  async *iterateFollowers(firstOpenId?: string): AsyncGenerator<string> {
    yield* iterateOpenIds((next) => this.getFollowers(next), firstOpenId);
  }

  /**
   * `POST cgi-bin/user/info/updateremark`: sets the remark name (under 30 characters).
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Configuring_user_notes.html
   */
  updateRemark(openId: string, remark: string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/user/info/updateremark', { openid: openId, remark });
  }
}
