import { WeChatError } from '../common/errors.js';
import { found } from '../common/found.js';
import { identityOf, SIMULATED_USERS, type SimulatedUser } from './users.js';

/** A follower of an official account. */
export interface Follower {
  readonly openid: string;
  readonly unionid: string;
  readonly userKey: string;
  readonly subscribeTime: number;
  readonly scene: string;
  remark: string;
  tagIds: number[];
  blacklisted: boolean;
}

/** A user tag; ids 0–2 are WeChat's own (2 星标组), new tags start at 100. */
export interface Tag {
  readonly id: number;
  name: string;
}

/** A page of openids: WeChat's `{count, data:{openid}, next_openid}` (no `data` on an empty page). */
export interface OpenIdPage {
  count: number;
  data?: { openid: string[] };
  next_openid: string;
}

/** Openids per page of `user/get`, `user/tag/get` and the blacklist. */
export const OPENID_PAGE = 10_000;
const MAX_TAGS = 100;
const MAX_TAGS_PER_USER = 20;
const SYSTEM_TAGS: ReadonlyArray<Tag> = [{ id: 2, name: '星标组' }];

/**
 * Who follows one official account, their remarks and tags, and the blacklist. The simulated users follow from
 * the start; the control API adds generated followers (`fan1`, `fan2` …) for paging.
 */
export class Audience {
  private readonly followers = new Map<string, Follower>();
  private readonly tags = new Map<number, Tag>(SYSTEM_TAGS.map((tag) => [tag.id, { ...tag }]));
  private nextTagId = 100;
  private generated = 0;

  constructor(
    private readonly appId: string,
    private readonly componentAppId: string,
    private readonly clock: () => number,
  ) {
    for (const user of SIMULATED_USERS) this.follow(user.key, 'ADD_SCENE_SEARCH');
  }

  /** Adds `count` generated followers; returns the total. */
  addGenerated(count: number): number {
    for (let i = 0; i < count; i++) this.follow(`fan${++this.generated}`, 'ADD_SCENE_QR_CODE');
    return this.followers.size;
  }

  get size(): number {
    return this.followers.size;
  }

  /** The follower behind an openid. @throws WeChatError 40003 when the openid is not one of this account's. */
  follower(openid: unknown): Follower {
    return found(typeof openid === 'string' ? this.followers.get(openid) : undefined, 40003);
  }

  /** Followers for a list of openids (≤ `max`, 40032), each of this account (`unknownCode`). */
  followerList(openids: unknown, max: number, unknownCode = 49003): Follower[] {
    if (!Array.isArray(openids) || openids.length === 0 || openids.length > max) throw new WeChatError(40032);
    return openids.map((openid) => {
      const follower = typeof openid === 'string' ? this.followers.get(openid) : undefined;
      if (!follower) throw new WeChatError(unknownCode);
      return follower;
    });
  }

  /** Followers in follow order, a page after `next` (which must be a known openid). */
  page(filter: (follower: Follower) => boolean, next?: string): OpenIdPage & { total: number } {
    const all = [...this.followers.values()].filter(filter).map((follower) => follower.openid);
    let start = 0;
    if (next) {
      const index = all.indexOf(next);
      if (index === -1 && !this.followers.has(next)) throw new WeChatError(40003);
      start = index + 1;
    }
    const openids = all.slice(start, start + OPENID_PAGE);
    return {
      total: all.length,
      count: openids.length,
      ...(openids.length > 0 ? { data: { openid: openids } } : {}),
      next_openid: openids.at(-1) ?? '',
    };
  }

  listTags(): Array<Tag & { count: number }> {
    return [...this.tags.values()].map((tag) => ({ ...tag, count: this.countTagged(tag.id) }));
  }

  /** @throws WeChatError 45157 bad or taken name, 45158 too long, 45056 too many tags. */
  createTag(name: unknown): Tag {
    this.checkTagName(name);
    if (this.tags.size - SYSTEM_TAGS.length >= MAX_TAGS) throw new WeChatError(45056);
    const tag = { id: this.nextTagId++, name: name as string };
    this.tags.set(tag.id, tag);
    return tag;
  }

  /** @throws WeChatError 45058 system tag, 45159 unknown tag, 45157/45158 bad name. */
  renameTag(id: unknown, name: unknown): void {
    const tag = this.userTag(id);
    if (tag.name !== name) this.checkTagName(name);
    tag.name = name as string;
  }

  deleteTag(id: unknown): void {
    const tag = this.userTag(id);
    if (this.countTagged(tag.id) > 100_000) throw new WeChatError(45057);
    this.tags.delete(tag.id);
    for (const follower of this.followers.values()) follower.tagIds = follower.tagIds.filter((t) => t !== tag.id);
  }

  /** @throws WeChatError 45159 unknown tag. */
  tag(id: unknown): Tag {
    return found(typeof id === 'number' ? this.tags.get(id) : undefined, 45159);
  }

  /** Tags followers (all checked first: ≤ 50, known, ≤ 20 tags each). */
  tagFollowers(id: unknown, openids: unknown): void {
    const tag = this.tag(id);
    const followers = this.followerList(openids, 50);
    if (followers.some((f) => !f.tagIds.includes(tag.id) && f.tagIds.length >= MAX_TAGS_PER_USER)) throw new WeChatError(45059);
    for (const follower of followers) if (!follower.tagIds.includes(tag.id)) follower.tagIds.push(tag.id);
  }

  untagFollowers(id: unknown, openids: unknown): void {
    const tag = this.tag(id);
    for (const follower of this.followerList(openids, 50)) follower.tagIds = follower.tagIds.filter((t) => t !== tag.id);
  }

  private follow(userKey: string, scene: string): void {
    const user: SimulatedUser = { key: userKey, nickname: userKey, sex: 0, province: '', city: '', country: '' };
    const { openid, unionid } = identityOf(user, this.appId, this.componentAppId);
    if (this.followers.has(openid)) return;
    const subscribeTime = Math.floor(this.clock() / 1000) - 86_400 * (30 + (this.followers.size % 300));
    this.followers.set(openid, { openid, unionid, userKey, subscribeTime, scene, remark: '', tagIds: [], blacklisted: false });
  }

  private userTag(id: unknown): Tag {
    if (typeof id === 'number' && id >= 0 && id <= 2) throw new WeChatError(45058);
    return this.tag(id);
  }

  private countTagged(id: number): number {
    let count = 0;
    for (const follower of this.followers.values()) if (follower.tagIds.includes(id)) count++;
    return count;
  }

  private checkTagName(name: unknown): void {
    if (typeof name !== 'string' || name.trim() === '') throw new WeChatError(45157);
    if (Buffer.byteLength(name, 'utf8') > 30) throw new WeChatError(45158);
    for (const tag of this.tags.values()) if (tag.name === name) throw new WeChatError(45157);
  }
}
