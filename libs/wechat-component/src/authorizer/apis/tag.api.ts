import type { WeChatAck } from '../../component/component-api.types.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';
import { iteratePages, type OpenIdPage } from './user.api.js';

/** A user tag (标签). */
export interface UserTag {
  id: number;
  name: string;
  /** Followers carrying the tag (`tags/get`). */
  count?: number;
}

/** The blacklist page of `tags/members/getblacklist`. */
export interface BlacklistPage extends OpenIdPage {
  total: number;
}

const ids = (openIds: string | readonly string[]): string[] => (typeof openIds === 'string' ? [openIds] : [...openIds]);

/** User tags and the blacklist of an official account (用户标签管理, 黑名单管理). */
export class TagApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST cgi-bin/tags/create`: a new tag (name ≤ 30 bytes, at most 100 tags). */
  async create(name: string): Promise<UserTag> {
    return (await this.requester.post<{ tag: UserTag }>('/cgi-bin/tags/create', { tag: { name } })).tag;
  }

  /** `GET cgi-bin/tags/get`: every tag with its follower count. */
  async get(): Promise<UserTag[]> {
    return (await this.requester.get<{ tags: UserTag[] }>('/cgi-bin/tags/get')).tags;
  }

  /** `POST cgi-bin/tags/update`: renames a tag. */
  update(tagId: number, name: string): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/tags/update', { tag: { id: tagId, name } });
  }

  /** `POST cgi-bin/tags/delete`. */
  delete(tagId: number): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/tags/delete', { tag: { id: tagId } });
  }

  /** `POST cgi-bin/tags/members/batchtagging`: tags up to 50 users. */
  tagUser(tagId: number, openIds: string | readonly string[]): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/tags/members/batchtagging', { openid_list: ids(openIds), tagid: tagId });
  }

  /** `POST cgi-bin/tags/members/batchuntagging`. */
  untagUser(tagId: number, openIds: string | readonly string[]): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/tags/members/batchuntagging', { openid_list: ids(openIds), tagid: tagId });
  }

  /** `POST cgi-bin/tags/getidlist`: the tag ids of one user. */
  async getUserTag(openId: string): Promise<number[]> {
    return (await this.requester.post<{ tagid_list: number[] }>('/cgi-bin/tags/getidlist', { openid: openId })).tagid_list;
  }

  /** `POST cgi-bin/user/tag/get`: one page of a tag's followers. */
  getTagUsers(tagId: number, nextOpenId?: string): Promise<OpenIdPage> {
    return this.requester.post('/cgi-bin/user/tag/get', { tagid: tagId, next_openid: nextOpenId ?? '' });
  }

  /** Every follower carrying a tag, page by page. */
  async *iterTagUsers(tagId: number, firstOpenId?: string): AsyncGenerator<string> {
    yield* iteratePages((next) => this.getTagUsers(tagId, next), firstOpenId);
  }

  /** `POST cgi-bin/tags/members/getblacklist`: one page (up to 10 000) of blacklisted openids. */
  getBlackList(beginOpenId?: string): Promise<BlacklistPage> {
    return this.requester.post('/cgi-bin/tags/members/getblacklist', { begin_openid: beginOpenId ?? '' });
  }

  /** `POST cgi-bin/tags/members/batchblacklist`: blacklists up to 20 users. */
  batchBlackList(openIds: readonly string[]): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/tags/members/batchblacklist', { openid_list: [...openIds] });
  }

  /** `POST cgi-bin/tags/members/batchunblacklist`. */
  batchUnblackList(openIds: readonly string[]): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/tags/members/batchunblacklist', { openid_list: [...openIds] });
  }
}
