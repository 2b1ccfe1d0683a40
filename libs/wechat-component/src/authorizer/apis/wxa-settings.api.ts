import { postAction, postFor, postRead, type ApiRequester, type DomainAction } from '../../apis/common.js';
import type { ServerDomains, ServerDomainsResult, WebviewDomainList } from './wxa.types.js';

/**
 * A mini program's server and web-view domains (among the platform's own; `client.domain` sets others directly) and
 * its testers (体验者), permission set 18. Reached as `client.wxa.settings`; the sandbox's
 * `wxa-settings.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class WxaSettingsApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/modify_domain`: adds, deletes, sets or (`get`) reads the server domains; answers those in effect.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/domain-management/modifyServerDomain.html
   */
  modifyDomain(action: DomainAction, domains: ServerDomains = {}): Promise<ServerDomainsResult> {
    if (action === 'get') return postRead<ServerDomainsResult>(this.requester, '/wxa/modify_domain', { action });
    return postFor<ServerDomainsResult>(this.requester, '/wxa/modify_domain', { action, ...domains });
  }

  /**
   * `POST wxa/setwebviewdomain`: adds, deletes or sets the web-view (business) domains, or (`get`) reads them — the
   * only action that answers them.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/domain-management/modifyJumpDomain.html
   */
  setWebviewDomain(action: DomainAction, domains: readonly string[] = []): Promise<WebviewDomainList> {
    if (action === 'get') return postRead<WebviewDomainList>(this.requester, '/wxa/setwebviewdomain', { action });
    return postFor<WebviewDomainList>(this.requester, '/wxa/setwebviewdomain', { action, webviewdomain: [...domains] });
  }

  /**
   * `POST wxa/bind_tester`: makes a WeChat user (by WeChat ID) a tester; returns their `userstr`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/member-management/bindTester.html
   */
  async bindTester(wechatId: string): Promise<string> {
    return (await postFor<{ userstr: string }>(this.requester, '/wxa/bind_tester', { wechatid: wechatId })).userstr;
  }

  /**
   * `POST wxa/unbind_tester`: by WeChat ID, or by the `userstr` of {@link WxaSettingsApi.listTesters}.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/member-management/unbindTester.html
   */
  unbindTester(tester: string | { userstr: string }): Promise<void> {
    return postAction(this.requester, '/wxa/unbind_tester', typeof tester === 'string' ? { wechatid: tester } : { userstr: tester.userstr });
  }

  /**
   * `POST wxa/memberauth` (`get_experiencer`): the testers.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/member-management/getTester.html
   */
  async listTesters(): Promise<Array<{ userstr: string }>> {
    return (await postRead<{ members: Array<{ userstr: string }> }>(this.requester, '/wxa/memberauth', { action: 'get_experiencer' })).members;
  }
}
