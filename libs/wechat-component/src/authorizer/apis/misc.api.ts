import { getFor, postRead, type ApiQuotaInfo, type ApiRequester } from '../../apis/common.js';
import { clearQuotaOf, type ClearQuotaTracker } from '../../component/clear-quota-budget.js';
import type { NetworkCheckResult } from './misc.types.js';

/**
 * Miscellaneous: WeChat's IP addresses, a network check, API quotas (网络检测, openApi 管理).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class MiscApi {
  constructor(
    private readonly requester: ApiRequester,
    private readonly clearQuotaBudget: ClearQuotaTracker,
  ) {}

  /**
   * `GET cgi-bin/getcallbackip`: the addresses WeChat pushes from (wechatpy's `get_wechat_ips`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_the_WeChat_server_IP_address.html
   */
  async getWechatIps(): Promise<string[]> {
    return (await getFor<{ ip_list: string[] }>(this.requester, '/cgi-bin/getcallbackip')).ip_list;
  }

  /**
   * `GET cgi-bin/get_api_domain_ip`: the addresses of api.weixin.qq.com.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_the_WeChat_server_IP_address.html
   */
  async getApiDomainIp(): Promise<string[]> {
    return (await getFor<{ ip_list: string[] }>(this.requester, '/cgi-bin/get_api_domain_ip')).ip_list;
  }

  /**
   * `POST cgi-bin/callback/check`: WeChat resolves and pings the account's callback URL (checking twice does no
   * harm: retried like a read).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Network_Detection.html
   */
  checkNetwork(action: 'dns' | 'ping' | 'all' = 'all', checkOperator: 'CHINANET' | 'UNICOM' | 'CAP' | 'DEFAULT' = 'DEFAULT'): Promise<NetworkCheckResult> {
    return postRead<NetworkCheckResult>(this.requester, '/cgi-bin/callback/check', { action, check_operator: checkOperator });
  }

  /**
   * `POST cgi-bin/openapi/quota/get`: today's use of one API by this account, e.g. `/cgi-bin/message/custom/send`.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/openApi/get_api_quota.html
   */
  getQuota(cgiPath: string): Promise<ApiQuotaInfo> {
    return postRead<ApiQuotaInfo>(this.requester, '/cgi-bin/openapi/quota/get', { cgi_path: cgiPath });
  }

  /**
   * `POST cgi-bin/clear_quota`: resets this account's daily quotas (10 times a month, counted by the module).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/openapi/clearQuota.html
   */
  clearQuota(): Promise<void> {
    return clearQuotaOf(this.requester, this.clearQuotaBudget);
  }
}
