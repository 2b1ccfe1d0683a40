import { postAction, postFor, postRead, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type { HaveOpenAnswer, OpenAccountAnswer } from './open-account.types.js';

/**
 * Open-platform accounts (开放平台账号管理), so the platform's official accounts and mini programs share one UnionID
 * space: create one for the authorizer, bind it to another, unbind, read. Called with the authorizer's token
 * (permission set 24 for official accounts, 25 for mini programs). Errors callers act on: 89000 already bound,
 * 89001 not the same principal, 89002 not bound, 89003 the account was not created through the API, 89004 the
 * account has 100 bound accounts.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class OpenAccountApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/open/create`: creates an open-platform account and binds this authorizer to it.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/api/account/create.html
   */
  async create(): Promise<string> {
    return (await postFor<OpenAccountAnswer>(this.requester, '/cgi-bin/open/create', { appid: this.requester.appId })).open_appid;
  }

  /**
   * `POST cgi-bin/open/bind`: binds this authorizer to an open-platform account of the same principal.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/api/account/bind.html
   */
  bind(openAppId: string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/open/bind', { appid: this.requester.appId, open_appid: openAppId });
  }

  /**
   * `POST cgi-bin/open/unbind`: unbinds this authorizer from the open-platform account.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/api/account/unbind.html
   */
  unbind(openAppId: string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/open/unbind', { appid: this.requester.appId, open_appid: openAppId });
  }

  /**
   * `POST cgi-bin/open/get`: the open-platform account this authorizer is bound to (89002 when none).
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/api/account/get.html
   */
  async get(): Promise<string> {
    return (await postRead<OpenAccountAnswer>(this.requester, '/cgi-bin/open/get', { appid: this.requester.appId })).open_appid;
  }

  /**
   * `POST cgi-bin/open/have`: whether this authorizer is bound to an open-platform account.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/getbindopeninfo.html
   */
  have(): Promise<Unwrapped<HaveOpenAnswer>> {
    return postRead(this.requester, '/cgi-bin/open/have', {});
  }
}
