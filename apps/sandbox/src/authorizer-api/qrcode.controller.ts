import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** Parameterized QR codes of official accounts (帐号服务权限, id 3); images at `showqrcode` on the mp origin. */
@Controller('cgi-bin/qrcode')
@AuthorizerApi({ official_account: FUNC.ACCOUNT_SERVICES })
export class QrCodeController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('create')
  @HttpCode(200)
  create(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const code = this.sandbox.apis.qrCodes.create(account.appId, body);
    return { ticket: code.ticket, ...(code.expireSeconds === undefined ? {} : { expire_seconds: code.expireSeconds }), url: code.url };
  }
}
