import { postFor, postRead, type ApiRequester, type DomainAction, type Unwrapped } from '../../apis/common.js';
import type { DomainConfirmFile, PlatformDomainChange, PlatformJumpDomains, PlatformServerDomains } from './platform-domain.types.js';

/**
 * The platform's own mini-program domains (第三方平台域名管理), with the component token: the server domains and
 * business (jump) domains an authorized mini program may be given, and the confirm file that proves a jump domain.
 * Domains are written `www.qq.com` (no scheme, no path); at most 50 changes a month.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class PlatformDomainApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/component/modify_wxa_server_domain`: adds, deletes, sets or (`get`) reads the platform's
   * mini-program server domains.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/thirdparty-management/domain-mgnt/api_modifythirdpartyserverdomain
   */
  modifyServerDomain(action: DomainAction, domains: readonly string[] = [], change: PlatformDomainChange = {}): Promise<Unwrapped<PlatformServerDomains>> {
    if (action === 'get') return postRead(this.requester, '/cgi-bin/component/modify_wxa_server_domain', { action });
    return postFor(this.requester, '/cgi-bin/component/modify_wxa_server_domain', {
      action,
      wxa_server_domain: domains.join(';'),
      is_modify_published_together: change.publishedTogether ?? false,
    });
  }

  /**
   * `POST cgi-bin/component/modify_wxa_jump_domain`: adds, deletes, sets or (`get`) reads the platform's mini-program
   * business (web-view) domains; each must serve the confirm file ({@link getConfirmFile}).
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/ThirdParty/domain/modify_jump_domain.html
   */
  modifyJumpDomain(action: DomainAction, domains: readonly string[] = [], change: PlatformDomainChange = {}): Promise<Unwrapped<PlatformJumpDomains>> {
    if (action === 'get') return postRead(this.requester, '/cgi-bin/component/modify_wxa_jump_domain', { action });
    return postFor(this.requester, '/cgi-bin/component/modify_wxa_jump_domain', {
      action,
      wxa_jump_h5_domain: domains.join(';'),
      is_modify_published_together: change.publishedTogether ?? false,
    });
  }

  /**
   * `POST cgi-bin/component/get_domain_confirmfile`: the file a business domain of the platform must serve at its root.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/thirdparty-management/domain-mgnt/api_getthirdpartyjumpdomainconfirmfile
   */
  getConfirmFile(): Promise<Unwrapped<DomainConfirmFile>> {
    return postRead(this.requester, '/cgi-bin/component/get_domain_confirmfile', {});
  }
}
