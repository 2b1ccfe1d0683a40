import { getFor, iterateOpenIds, postAction, postFor, postRead, type ApiRequester, type OpenIdPage } from '../../apis/common.js';
import type { BlacklistPage, UserTag } from './tag.types.js';

const ids = (openIds: string | readonly string[]): string[] => (typeof openIds === 'string' ? [openIds] : [...openIds]);

/**
 * User tags and the blacklist of an official account (用户标签管理, 黑名单管理, permission set 2).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class TagApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/tags/create`: a new tag (name ≤ 30 bytes, at most 100 tags).
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  async create(name: string): Promise<UserTag> {
    return (await postFor<{ tag: UserTag }>(this.requester, '/cgi-bin/tags/create', { tag: { name } })).tag;
  }

  /**
   * `GET cgi-bin/tags/get`: every tag with its follower count.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  async get(): Promise<UserTag[]> {
    return (await getFor<{ tags: UserTag[] }>(this.requester, '/cgi-bin/tags/get')).tags;
  }

  /**
   * `POST cgi-bin/tags/update`: renames a tag.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  update(tagId: number, name: string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/tags/update', { tag: { id: tagId, name } });
  }

  /**
   * `POST cgi-bin/tags/delete`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  delete(tagId: number): Promise<void> {
    return postAction(this.requester, '/cgi-bin/tags/delete', { tag: { id: tagId } });
  }

  /**
   * `POST cgi-bin/tags/members/batchtagging`: tags up to 50 users.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  tagUser(tagId: number, openIds: string | readonly string[]): Promise<void> {
    return postAction(this.requester, '/cgi-bin/tags/members/batchtagging', { openid_list: ids(openIds), tagid: tagId });
  }

  /**
   * `POST cgi-bin/tags/members/batchuntagging`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  untagUser(tagId: number, openIds: string | readonly string[]): Promise<void> {
    return postAction(this.requester, '/cgi-bin/tags/members/batchuntagging', { openid_list: ids(openIds), tagid: tagId });
  }

  /**
   * `POST cgi-bin/tags/getidlist`: the tag ids of one user.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  async getUserTag(openId: string): Promise<number[]> {
    return (await postRead<{ tagid_list: number[] }>(this.requester, '/cgi-bin/tags/getidlist', { openid: openId })).tagid_list;
  }

  /**
   * `POST cgi-bin/user/tag/get`: one page of a tag's followers.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  getTagUsers(tagId: number, nextOpenId?: string): Promise<OpenIdPage> {
    return postRead<OpenIdPage>(this.requester, '/cgi-bin/user/tag/get', { tagid: tagId, next_openid: nextOpenId ?? '' });
  }

  /**
   * Every follower carrying a tag, page by page (`POST cgi-bin/user/tag/get` until `next_openid` is empty).
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  async *iterateTagUsers(tagId: number, firstOpenId?: string): AsyncGenerator<string> {
    yield* iterateOpenIds((next) => this.getTagUsers(tagId, next), firstOpenId);
  }

  /**
   * `POST cgi-bin/tags/members/getblacklist`: one page (up to 10 000) of blacklisted openids.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
   */
  getBlackList(beginOpenId?: string): Promise<BlacklistPage> {
    return postRead<BlacklistPage>(this.requester, '/cgi-bin/tags/members/getblacklist', { begin_openid: beginOpenId ?? '' });
  }

  /**
   * `POST cgi-bin/tags/members/batchblacklist`: blacklists up to 20 users.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
   */
  batchBlackList(openIds: readonly string[]): Promise<void> {
    return postAction(this.requester, '/cgi-bin/tags/members/batchblacklist', { openid_list: [...openIds] });
  }

  /**
   * `POST cgi-bin/tags/members/batchunblacklist`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
   */
  batchUnblackList(openIds: readonly string[]): Promise<void> {
    return postAction(this.requester, '/cgi-bin/tags/members/batchunblacklist', { openid_list: [...openIds] });
  }
}
