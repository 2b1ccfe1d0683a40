import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import { PRIVACY_INTERFACES } from '../state/platform/privacy-interfaces.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/**
 * Privacy interfaces of mini programs (permission set 18): applications (decided by the reviewers, then pushed as
 * `wxa_privacy_apply`), their list, and the committed code's check: an interface whose privacy key the code uses
 * (the draft's `privacyKeys`) and that is not granted is listed in `without_auth_list`.
 */
@Controller('wxa/security')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class PrivacyInterfaceController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('apply_privacy_interface')
  @HttpCode(200)
  apply(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { audit_id: number } {
    return { ...OK, audit_id: this.sandbox.platform.privacyInterfaces.of(account.appId).apply(body, this.sandbox.platform.newAuditId()) };
  }

  @Get('get_privacy_interface')
  list(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    return { ...OK, interface_list: this.sandbox.platform.privacyInterfaces.of(account.appId).list() };
  }

  /** 86001 nothing committed. */
  @Get('get_code_privacy_info')
  codePrivacy(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    const experience = this.sandbox.apis.code.of(account.appId).requireExperience();
    const interfaces = this.sandbox.platform.privacyInterfaces.of(account.appId);
    const used = PRIVACY_INTERFACES.filter((api) => experience.privacyKeys.includes(api.key));
    return {
      ...OK,
      without_auth_list: used.filter((api) => !interfaces.granted(api.apiName)).map((api) => api.apiName),
      without_conf_list: [],
    };
  }
}
