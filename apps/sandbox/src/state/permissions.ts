import type { AccountType } from './accounts.js';

/** `funcscope_category` ids and their names (reference §6.2). */
export const PERMISSION_SETS: Readonly<Record<number, string>> = {
  1: '消息管理权限',
  2: '用户管理权限',
  3: '帐号服务权限',
  4: '网页服务权限',
  6: '微信多客服权限',
  7: '群发与通知权限',
  11: '素材管理权限',
  15: '自定义菜单权限',
  17: '帐号管理权限（小程序）',
  18: '开发管理与数据分析权限（小程序）',
  19: '客服消息管理权限（小程序）',
  20: '微信登录权限（小程序）',
  24: '开放平台帐号管理权限',
  25: '开放平台帐号管理权限（小程序）',
  30: '小程序基本信息设置权限',
};

/** Well-known ids the simulated APIs check. */
export const FUNC = {
  /** Any account of the type may call (no permission set is checked). */
  ANY: 0,
  MESSAGES: 1,
  USERS: 2,
  ACCOUNT_SERVICES: 3,
  WEB_OAUTH: 4,
  CUSTOMER_SERVICE: 6,
  MASS_AND_NOTICES: 7,
  MATERIALS: 11,
  MENU: 15,
  MP_DEVELOPMENT: 18,
  MP_CUSTOMER_SERVICE: 19,
  MP_LOGIN: 20,
} as const;

/** The permission sets the simulated platform asks for, per account type (all granted unless unticked). */
export const PLATFORM_PERMISSIONS: Readonly<Record<AccountType, readonly number[]>> = Object.freeze({
  official_account: Object.freeze([1, 2, 3, 4, 6, 7, 11, 15, 24]),
  mini_program: Object.freeze([17, 18, 19, 20, 25, 30]),
});

/**
 * The ids to grant: the requested ones the platform asked for, or all of them when none are given.
 * @throws TypeError when a requested id is not one the platform asks for.
 */
export function grantedFuncIds(type: AccountType, requested?: readonly number[]): readonly number[] {
  const offered = PLATFORM_PERMISSIONS[type];
  // Shared, frozen: most accounts are granted everything, and 100k copies would be wasted memory.
  if (requested === undefined) return offered;
  for (const id of requested) {
    if (!offered.includes(id)) throw new TypeError(`permission set ${id} is not offered to a ${type}`);
  }
  return offered.filter((id) => requested.includes(id));
}
