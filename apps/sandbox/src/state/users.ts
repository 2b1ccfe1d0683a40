import { openIdFor, unionIdFor } from '../common/ids.js';

/** A simulated WeChat user (the person behind an openid). */
export interface SimulatedUser {
  readonly key: string;
  readonly nickname: string;
  /** 1 male, 2 female, 0 unknown. */
  readonly sex: 0 | 1 | 2;
  readonly province: string;
  readonly city: string;
  readonly country: string;
}

/** The users who appear on the OAuth consent page and send messages by default. */
export const SIMULATED_USERS: readonly SimulatedUser[] = Object.freeze([
  { key: 'zhangsan', nickname: '张三', sex: 1, province: '广东', city: '深圳', country: '中国' },
  { key: 'lisi', nickname: '李四', sex: 2, province: '浙江', city: '杭州', country: '中国' },
  { key: 'wangwu', nickname: '王五', sex: 0, province: '北京', city: '北京', country: '中国' },
]);

/** The user with that key, if simulated. */
export function simulatedUser(key: unknown): SimulatedUser | undefined {
  return SIMULATED_USERS.find((user) => user.key === key);
}

/** How a user is identified to one account and to the open platform. */
export function identityOf(user: SimulatedUser, appId: string, componentAppId: string): { openid: string; unionid: string } {
  return { openid: openIdFor(appId, user.key), unionid: unionIdFor(componentAppId, user.key) };
}
