import { derivedHex } from '../common/ids.js';
import type { AccountStore, MenuDocument, NewAccount } from './accounts.js';

/** The menu seeded official accounts start with. */
export const SEED_MENU: MenuDocument = {
  button: [
    { type: 'click', name: '今日推荐', key: 'V1001_TODAY' },
    {
      name: '服务',
      sub_button: [
        { type: 'view', name: '官网', url: 'https://www.example.com/' },
        { type: 'click', name: '联系客服', key: 'V1001_CONTACT' },
      ],
    },
  ],
};

const SEED: readonly Omit<NewAccount, 'appId' | 'userName'>[] = [
  { type: 'official_account', nickName: '沙盒咖啡馆', principalName: '沙盒咖啡有限公司', alias: 'sandbox_cafe', signature: '每天一杯好咖啡', serviceTypeId: 2, verifyTypeId: 0 },
  { type: 'official_account', nickName: '小城书店', principalName: '个人', alias: '', signature: '读书的地方', serviceTypeId: 0, verifyTypeId: -1 },
  { type: 'official_account', nickName: '晨跑俱乐部', principalName: '晨跑体育文化有限公司', alias: 'morning_run', signature: '一起跑步', serviceTypeId: 2, verifyTypeId: 0 },
  { type: 'mini_program', nickName: '沙盒点餐', principalName: '沙盒咖啡有限公司', alias: '', signature: '扫码点餐，到店自取', serviceTypeId: 0, verifyTypeId: 0 },
  { type: 'mini_program', nickName: '旅行清单', principalName: '个人', alias: '', signature: '出门前看一眼', serviceTypeId: 0, verifyTypeId: -1 },
];

/**
 * Creates the seeded accounts. Their appids derive from the component appid, so the same configuration gives the
 * same accounts on every start; official accounts get {@link SEED_MENU}.
 */
export function seedAccounts(accounts: AccountStore, componentAppId: string): void {
  SEED.forEach((seed, index) => {
    accounts.create({
      ...seed,
      appId: `wx${derivedHex(16, 'seed-appid', componentAppId, String(index))}`,
      userName: `gh_${derivedHex(12, 'seed-user', componentAppId, String(index))}`,
      ...(seed.type === 'official_account' ? { menu: structuredClone(SEED_MENU) } : {}),
    });
  });
}
