import { derivedUrlSafe } from '../common/ids.js';
import type { Account } from '../state/accounts.js';

/** One `func_info` entry. */
export interface FuncInfo {
  funcscope_category: { id: number };
}

/** `func_info` for granted permission sets. */
export function funcInfo(ids: readonly number[]): FuncInfo[] {
  return ids.map((id) => ({ funcscope_category: { id } }));
}

const SERVICE_TYPE_NAMES: Record<number, string> = { 0: '订阅号', 1: '由历史老账号升级后的订阅号', 2: '服务号' };
const VERIFY_TYPE_NAMES: Record<number, string> = { [-1]: '未认证', 0: '微信认证' };

/** `authorizer_info` of `api_get_authorizer_info` (reference §6.1); `MiniProgramInfo` only for mini programs. */
export function authorizerInfo(account: Account): Record<string, unknown> {
  const image = derivedUrlSafe(40, 'head', account.appId);
  const info: Record<string, unknown> = {
    nick_name: account.nickName,
    head_img: `http://wx.qlogo.cn/mmopen/${image}/0`,
    service_type_info: { id: account.serviceTypeId, name: SERVICE_TYPE_NAMES[account.serviceTypeId] ?? '' },
    verify_type_info: { id: account.verifyTypeId, name: VERIFY_TYPE_NAMES[account.verifyTypeId] ?? '' },
    user_name: account.userName,
    alias: account.alias,
    qrcode_url: `http://mmbiz.qpic.cn/mmbiz_jpg/${derivedUrlSafe(40, 'qrcode', account.appId)}/0`,
    business_info: { open_pay: 0, open_shake: 0, open_scan: 0, open_card: 0, open_store: 0 },
    idc: 1,
    principal_name: account.principalName,
    signature: account.signature,
    account_status: 1,
    basic_config: { is_phone_configured: true, is_email_configured: true },
  };
  if (account.type === 'mini_program') {
    info['register_type'] = 0;
    info['MiniProgramInfo'] = {
      network: {
        RequestDomain: ['https://api.example.com'],
        WsRequestDomain: [],
        UploadDomain: [],
        DownloadDomain: [],
        BizDomain: [],
        UDPDomain: [],
        TCPDomain: [],
        PrefetchDNSDomain: [],
        NewRequestDomain: [],
        NewWsRequestDomain: [],
        NewUploadDomain: [],
        NewDownloadDomain: [],
        NewBizDomain: [],
        NewUDPDomain: [],
        NewTCPDomain: [],
        NewPrefetchDNSDomain: [],
      },
      categories: [{ first: '餐饮', second: '点餐' }],
      visit_status: 0,
    };
  }
  return info;
}
