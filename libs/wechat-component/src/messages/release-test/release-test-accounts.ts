/** One group of WeChat's full-network-release (全网发布) test accounts. */
export interface ReleaseTestAccountGroup {
  readonly group: number;
  readonly officialAccount: { readonly appId: string; readonly userName: string };
  readonly miniProgram: { readonly appId: string; readonly userName: string };
}

/**
 * The five groups of dedicated test accounts WeChat uses for the full-network-release test (one group at random
 * per run). Source: the Open Platform's release instructions (`operation/thirdparty/releases_instructions`).
 */
export const RELEASE_TEST_ACCOUNT_GROUPS: readonly ReleaseTestAccountGroup[] = Object.freeze([
  { group: 1, officialAccount: { appId: 'wx570bc396a51b8ff8', userName: 'gh_3c884a361561' }, miniProgram: { appId: 'wxd101a85aa106f53e', userName: 'gh_8dad206e9538' } },
  { group: 2, officialAccount: { appId: 'wx9252c5e0bb1836fc', userName: 'gh_c0f28a78b318' }, miniProgram: { appId: 'wxc39235c15087f6f3', userName: 'gh_905ae9d01059' } },
  { group: 3, officialAccount: { appId: 'wx8e1097c5bc82cde9', userName: 'gh_3f222ed8d140' }, miniProgram: { appId: 'wx7720d01d4b2a4500', userName: 'gh_393666f1fdf4' } },
  { group: 4, officialAccount: { appId: 'wx14550af28c71a144', userName: 'gh_26128078e9ab' }, miniProgram: { appId: 'wx05d483572dcd5d8b', userName: 'gh_39abb5d4e1b7' } },
  { group: 5, officialAccount: { appId: 'wxa35b9c23cfe664eb', userName: 'gh_2b3713f184a6' }, miniProgram: { appId: 'wx5910277cae6fd970', userName: 'gh_7818dcb60240' } },
]);

const APP_IDS = new Set(RELEASE_TEST_ACCOUNT_GROUPS.flatMap((g) => [g.officialAccount.appId, g.miniProgram.appId]));
const USER_NAMES = new Set(RELEASE_TEST_ACCOUNT_GROUPS.flatMap((g) => [g.officialAccount.userName, g.miniProgram.userName]));

/** Whether a message to this account (AppID, or original id `gh_…`) comes from WeChat's release test. */
export function isReleaseTestAccount(account: { readonly appId?: string; readonly toUserName?: string }): boolean {
  return (account.appId !== undefined && APP_IDS.has(account.appId)) || (account.toUserName !== undefined && USER_NAMES.has(account.toUserName));
}
