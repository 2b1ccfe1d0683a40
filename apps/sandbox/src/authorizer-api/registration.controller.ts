import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * Registration steps authorizers take themselves: a trial mini program verifies as a company and renames itself
 * (91020 when it is not a trial one); an official account registers a mini program with its principal, using the
 * ticket of the `fastregisterauth` page (61058 bad or used ticket, 61052 the account is not verified).
 */
@Controller()
export class RegistrationController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** The verification is accepted at once (no push simulated): the mini program becomes a verified company one. */
  @Post('wxa/verifybetaweapp')
  @HttpCode(200)
  @AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
  verifyBeta(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.requireBeta(account);
    const info = (body['verify_info'] ?? {}) as Record<string, unknown>;
    const name = info['enterprise_name'];
    if (typeof name !== 'string' || name.trim() === '' || typeof info['component_phone'] !== 'string') throw new WeChatError(89253);
    if (typeof info['code'] !== 'string' || !CREDIT_CODE.test(info['code'])) throw new WeChatError(89255);
    this.sandbox.platform.registrations.betaAppIds.delete(account.appId);
    account.principalName = name;
    account.verifyTypeId = 0;
    return OK;
  }

  /** 4–30 characters without a forbidden keyword (86011); WeChat appends 的体验小程序. */
  @Post('wxa/setbetaweappnickname')
  @HttpCode(200)
  @AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
  renameBeta(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.requireBeta(account);
    const name = body['name'];
    if (typeof name !== 'string' || [...name].length < 4 || [...name].length > 30 || ['微信', '腾讯', '小程序'].some((word) => name.includes(word))) throw new WeChatError(86011);
    account.nickName = `${name}的体验小程序`;
    return OK;
  }

  /**
   * The new mini program gets the official account's principal (and its verification with `copy_wx_verify`) and is
   * authorized to the platform at once: the answer carries its authorization code (no push).
   */
  @Post('cgi-bin/account/fastregister')
  @HttpCode(200)
  @AuthorizerApi({ official_account: FUNC.ANY })
  async register(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { copyWxVerify } = this.sandbox.platform.registrations.redeemTicket(body['ticket'], account.appId);
    if (account.verifyTypeId !== 0) throw new WeChatError(61052);
    const miniProgram = this.sandbox.accounts.create({
      type: 'mini_program',
      nickName: `${account.nickName}小程序`,
      principalName: account.principalName,
      verifyTypeId: copyWxVerify ? 0 : -1,
    });
    const { grant } = await this.sandbox.notifier.grant(miniProgram, { push: false });
    return { ...OK, appid: miniProgram.appId, authorization_code: grant.authorizationCode, is_wx_verify_succ: copyWxVerify, is_link_succ: true };
  }

  private requireBeta(account: Account): void {
    if (!this.sandbox.platform.registrations.betaAppIds.has(account.appId)) throw new WeChatError(91020);
  }
}
