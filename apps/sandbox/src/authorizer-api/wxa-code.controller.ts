import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { OK, WeChatError } from '../common/errors.js';
import { stampedJpeg } from '../common/jpeg.js';
import type { SandboxRequest } from '../http/body-reader.js';
import { sendFile } from '../http/file-answer.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { CATEGORIES } from '../state/mini-program-settings.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** Endpoints WeChat documents as "POST an empty JSON `{}`": no body at all answers 44002. */
export function requireJsonBody(req: SandboxRequest): void {
  if (req.rawBody === undefined || req.rawBody.trim() === '') throw new WeChatError(44002);
}

/** Code of mini programs (开发管理权限, id 18): commit from a template, pages, categories, experience QR code. */
@Controller('wxa')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class WxaCodeController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** A template of the library (85014), `ext_json` a JSON string (85048/85047/85045/85046). */
  @Post('commit')
  @HttpCode(200)
  commit(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const template = this.sandbox.apis.codeTemplates.template(body['template_id']);
    this.sandbox.apis.code.of(account.appId).commit(template, body['ext_json'], body['user_version'], body['user_desc']);
    return OK;
  }

  /** The committed pages (86001 before any commit). */
  @Get('get_page')
  page(@CurrentAuthorizer() account: Account): typeof OK & { page_list: string[] } {
    return { ...OK, page_list: [...this.sandbox.apis.code.of(account.appId).requireExperience().pages] };
  }

  @Get('get_category')
  category(): typeof OK & { category_list: Array<Record<string, unknown>> } {
    return { ...OK, category_list: CATEGORIES.map((category) => ({ ...category })) };
  }

  /** The experience version's QR code: a JPEG stamped with the page it opens (86001 before any commit). */
  @Get('get_qrcode')
  qrcode(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>, @Res() res: Response): void {
    const experience = this.sandbox.apis.code.of(account.appId).requireExperience();
    const path = stringField(query, 'path') ?? experience.pages[0] ?? '';
    sendFile(res, stampedJpeg({ kind: 'trial', appid: account.appId, path, user_version: experience.userVersion }), 'image/jpeg', 'QRCode.jpg');
  }

  /** Body `{}` required (44002). */
  @Post('getversioninfo')
  @HttpCode(200)
  versionInfo(@CurrentAuthorizer() account: Account, @Req() req: SandboxRequest): Record<string, unknown> {
    requireJsonBody(req);
    const code = this.sandbox.apis.code.of(account.appId);
    return {
      ...OK,
      ...(code.experience ? { exp_info: { exp_time: code.experience.commitTime, exp_version: code.experience.userVersion, exp_desc: code.experience.userDesc } } : {}),
      ...(code.release ? { release_info: { release_time: code.release.releaseTime, release_version: code.release.userVersion, release_desc: code.release.userDesc } } : {}),
    };
  }
}
