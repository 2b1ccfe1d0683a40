import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/**
 * `wxa/business/getuserphonenumber` (mini programs, 18): the number behind a code of the `getPhoneNumber` button
 * (control API `POST /sandbox/accounts/:appId/phone-code`); 40029 unknown, used, expired or another mini program's.
 */
@Controller('wxa/business')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class PhoneNumberController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('getuserphonenumber')
  @HttpCode(200)
  phoneNumber(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const phone = this.sandbox.platform.phoneCodes.redeem(account.appId, body['code']);
    return {
      ...OK,
      phone_info: {
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(this.sandbox.clock() / 1000), appid: account.appId },
      },
    };
  }
}
