import { Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { OK } from '../common/errors.js';
import type { SandboxRequest } from '../http/body-reader.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';
import { requireJsonBody } from './wxa-code.controller.js';

/** Releases of mini programs (开发管理权限, id 18): release, rollback, phased release, visit status. */
@Controller('wxa')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class WxaReleaseController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Body `{}` required (44002); 85019 never approved, 85020 the latest audit is not approved (or released). */
  @Post('release')
  @HttpCode(200)
  release(@CurrentAuthorizer() account: Account, @Req() req: SandboxRequest): typeof OK {
    requireJsonBody(req);
    this.sandbox.apis.code.of(account.appId).releaseApproved();
    return OK;
  }

  /** `action=get_history_version` lists what one can revert to; otherwise reverts (87011, 87012). */
  @Get('revertcoderelease')
  revert(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>): Record<string, unknown> {
    const code = this.sandbox.apis.code.of(account.appId);
    if (stringField(query, 'action') === 'get_history_version') return { ...OK, version_list: code.historyVersions() };
    const appVersion = stringField(query, 'app_version');
    code.revert(appVersion === undefined ? undefined : Number(appVersion));
    return OK;
  }

  @Post('grayrelease')
  @HttpCode(200)
  grayRelease(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.apis.code.of(account.appId).grayRelease(body['gray_percentage'], body['support_debuger_first'] === true, body['support_experiencer_first'] === true);
    return OK;
  }

  @Get('getgrayreleaseplan')
  grayPlan(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    const plan = this.sandbox.apis.code.of(account.appId).gray;
    return { ...OK, gray_release_plan: plan ? { ...plan } : { status: 0, create_timestamp: 0, gray_percentage: 0, support_debuger_first: false, support_experiencer_first: false } };
  }

  @Get('revertgrayrelease')
  revertGray(@CurrentAuthorizer() account: Account): typeof OK {
    this.sandbox.apis.code.of(account.appId).revertGray();
    return OK;
  }

  /** `action` open or close the released version (85021 no release or no change). */
  @Post('change_visitstatus')
  @HttpCode(200)
  changeVisit(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.apis.code.of(account.appId).setVisit(body['action']);
    return OK;
  }

  /** Body `{}` required (44002): `status` 1 serving, 0 suspended. */
  @Post('getvisitstatus')
  @HttpCode(200)
  visitStatus(@CurrentAuthorizer() account: Account, @Req() req: SandboxRequest): typeof OK & { status: number } {
    requireJsonBody(req);
    return { ...OK, status: this.sandbox.apis.code.of(account.appId).visitOpen ? 1 : 0 };
  }
}
