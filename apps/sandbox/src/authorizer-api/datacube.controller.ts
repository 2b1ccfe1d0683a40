import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { dataCube } from '../state/datacube.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/**
 * Analytics of official accounts (`datacube/*`, every report of `REPORTS`). WeChat's permission table names no set
 * for them, so any authorized official account may call.
 */
@Controller('datacube')
@AuthorizerApi({ official_account: FUNC.ANY })
export class DataCubeController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post(':report')
  @HttpCode(200)
  report(@CurrentAuthorizer() account: Account, @Param('report') report: string, @JsonBody() body: Record<string, unknown>): { list: Array<Record<string, unknown>> } {
    const followers = this.sandbox.apis.audiences.of(account.appId).size;
    return { list: dataCube(report, account.appId, body, this.sandbox.clock(), followers) };
  }
}
