/** Answers of {@link TagApi} (用户标签管理, 黑名单管理), as WeChat names the fields. */
import type { OpenIdPage } from '../../apis/common.js';

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
