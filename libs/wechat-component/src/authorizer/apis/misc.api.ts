import type { ClearQuotaTracker } from '../../component/clear-quota-budget.js';
import type { WeChatAck } from '../../component/component-api.types.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';

/** `callback/check`. */
export interface NetworkCheckResult {
  dns: Array<{ ip: string; real_operator: string }>;
  ping: Array<{ ip: string; from_operator: string; package_loss: string; time: string }>;
}

/** `openapi/quota/get`. */
export interface ApiQuota {
  errcode: number;
  errmsg: string;
  quota: { daily_limit: number; used: number; remain: number };
}

/** Miscellaneous: WeChat's IP addresses, a network check, API quotas (网络检测, openApi 管理). */
export class MiscApi {
  constructor(
    private readonly requester: AuthorizerRequester,
    private readonly clearQuotaBudget?: ClearQuotaTracker,
  ) {}

  /** `GET cgi-bin/getcallbackip`: the addresses WeChat pushes from (wechatpy's `get_wechat_ips`). */
  async getWechatIps(): Promise<string[]> {
    return (await this.requester.get<{ ip_list: string[] }>('/cgi-bin/getcallbackip')).ip_list;
  }

  /** `GET cgi-bin/get_api_domain_ip`: the addresses of api.weixin.qq.com. */
  async getApiDomainIp(): Promise<string[]> {
    return (await this.requester.get<{ ip_list: string[] }>('/cgi-bin/get_api_domain_ip')).ip_list;
  }

  /** `POST cgi-bin/callback/check`: WeChat resolves and pings the account's callback URL. */
  checkNetwork(action: 'dns' | 'ping' | 'all' = 'all', checkOperator: 'CHINANET' | 'UNICOM' | 'CAP' | 'DEFAULT' = 'DEFAULT'): Promise<NetworkCheckResult> {
    return this.requester.post('/cgi-bin/callback/check', { action, check_operator: checkOperator });
  }

  /** `POST cgi-bin/openapi/quota/get`: today's use of one API by this account, e.g. `/cgi-bin/message/custom/send`. */
  getQuota(cgiPath: string): Promise<ApiQuota> {
    return this.requester.post('/cgi-bin/openapi/quota/get', { cgi_path: cgiPath });
  }

  /** `POST cgi-bin/clear_quota`: resets this account's daily quotas (10 times a month, counted by the module). */
  clearQuota(): Promise<WeChatAck> {
    const reset = () => this.requester.post<WeChatAck>('/cgi-bin/clear_quota', { appid: this.requester.appId });
    return this.clearQuotaBudget ? this.clearQuotaBudget.track(this.requester.appId, reset) : reset();
  }
}
