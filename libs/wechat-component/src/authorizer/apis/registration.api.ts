import { postAction, postFor, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type { BetaVerification, OfficialAccountRegistration } from './registration.types.js';

/**
 * Registration steps an authorizer takes itself: a trial mini program (试用小程序) verifies as a company and
 * renames itself; an official account registers a mini program with its own principal (复用公众号主体快速注册,
 * permission set 27) after its administrator confirmed on WeChat's page. Starting registrations is the platform's
 * (`ComponentClient.fastRegistration`).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class RegistrationApi {
  constructor(
    private readonly requester: ApiRequester,
    private readonly pages: { readonly mpBaseUrl: string; readonly componentAppId: string },
  ) {}

  /**
   * `POST wxa/verifybetaweapp` (the trial mini program's token): verifies it as a company (试用小程序快速认证);
   * WeChat pushes the outcome to the authorization event URL. Errors: 89249 a task runs, 91020 not a trial mini program.
   * @see https://developers.weixin.qq.com/doc/oplatform/en/openApi/OpenApiDoc/register-management/fast-regist-beta/verfifyBetaMiniprogram.html
   */
  verifyBetaMiniProgram(verification: BetaVerification): Promise<void> {
    const { enterpriseName, code, componentPhone, ...rest } = verification;
    return postAction(this.requester, '/wxa/verifybetaweapp', {
      verify_info: { enterprise_name: enterpriseName, code, component_phone: componentPhone, ...rest, new_version: true },
    });
  }

  /**
   * `POST wxa/setbetaweappnickname` (the trial mini program's token): renames it (WeChat appends "的体验小程序").
   * Errors: 86011 a forbidden keyword, 91020 not a trial mini program.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/register-management/fast-regist-beta/api_modifybetaminiprogramnickname
   */
  setBetaMiniProgramName(name: string): Promise<void> {
    return postAction(this.requester, '/wxa/setbetaweappnickname', { name });
  }

  /**
   * The page where the official account's administrator lets the platform register a mini program with the account's
   * principal (no call to WeChat): it redirects to `redirectUri?ticket=…`; pass the ticket to
   * {@link registerMiniProgram}.
   * @param copyWxVerify also copy the account's WeChat verification to the mini program
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/register-management/fast-registration-officalaccount/api_registerminiprogrambyoffiaccount.html
   */
  getFastRegisterAuthUrl(redirectUri: string, copyWxVerify = true): string {
    const url = new URL('/cgi-bin/fastregisterauth', this.pages.mpBaseUrl);
    url.search = new URLSearchParams({
      appid: this.requester.appId,
      component_appid: this.pages.componentAppId,
      copy_wx_verify: copyWxVerify ? '1' : '0',
      redirect_uri: redirectUri,
    }).toString();
    return url.toString();
  }

  /**
   * `POST cgi-bin/account/fastregister` (the official account's token): registers a mini program with the account's
   * principal, using the `ticket` of {@link getFastRegisterAuthUrl}'s redirect. Errors: 61058 bad or used ticket
   * (retry no sooner than 5 s), 61051–61057 the account may not (type, unverified, limits, one in progress).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/register-management/fast-registration-officalaccount/api_registerminiprogrambyoffiaccount.html
   */
  registerMiniProgram(ticket: string): Promise<Unwrapped<OfficialAccountRegistration>> {
    return postFor(this.requester, '/cgi-bin/account/fastregister', { ticket });
  }
}
