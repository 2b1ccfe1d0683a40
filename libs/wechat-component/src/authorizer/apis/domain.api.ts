import { postFor, postRead, type ApiRequester, type DomainAction, type Unwrapped } from '../../apis/common.js';
import type { DirectDomainsResult, ServerDomainLists, WebviewConfirmFile, WebviewDomains } from './domain.types.js';

/**
 * A mini program's domains set directly (快速配置, permission set 18): unlike `wxa.modifyDomain` /
 * `wxa.setWebviewDomain`, these do not require the domains to be the platform's own — server domains need an ICP
 * filing, business (web-view) domains must serve the mini program's confirm file at their root (86103 otherwise).
 * At most 50 changes a month.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class DomainApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/modify_domain_directly`: adds, deletes, sets or (`get`) reads the server domains. Errors: 85017 nothing
   * valid to change, 85016 too many domains.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/domain-management/api_modifyserverdomain
   */
  modifyDomainDirectly(action: DomainAction, domains: ServerDomainLists = {}): Promise<Unwrapped<DirectDomainsResult>> {
    if (action === 'get') return postRead(this.requester, '/wxa/modify_domain_directly', { action });
    return postFor(this.requester, '/wxa/modify_domain_directly', { action, ...copyLists(domains) });
  }

  /**
   * `POST wxa/setwebviewdomain_directly`: adds, deletes, sets or (`get`) reads the business (web-view) domains.
   * Errors: 86103 the confirm file was not found on a domain, 89019 unchanged, 89029 over 100, 89231 a personal
   * mini program.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/domain-management/modifyJumpDomainDirectly.html
   */
  setWebviewDomainDirectly(action: DomainAction, domains: readonly string[] = []): Promise<Unwrapped<WebviewDomains>> {
    if (action === 'get') return postRead(this.requester, '/wxa/setwebviewdomain_directly', { action });
    return postFor(this.requester, '/wxa/setwebviewdomain_directly', { action, webviewdomain: [...domains] });
  }

  /**
   * `POST wxa/get_webviewdomain_confirmfile`: the file each business domain must serve at its root.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/domain-management/api_getjumpdomainconfirmfile
   */
  getWebviewConfirmFile(): Promise<Unwrapped<WebviewConfirmFile>> {
    return postRead(this.requester, '/wxa/get_webviewdomain_confirmfile', {});
  }
}

function copyLists(domains: ServerDomainLists): Record<string, string[]> {
  return Object.fromEntries(Object.entries(domains).filter(([, list]) => list !== undefined).map(([kind, list]) => [kind, [...(list as readonly string[])]]));
}
