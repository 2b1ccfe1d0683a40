import { Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { WeChatError } from '../common/errors.js';
import { stampedJpeg } from '../common/jpeg.js';
import { sendFile } from '../http/file-answer.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

const ENV_VERSIONS = new Set(['release', 'trial', 'develop']);

/**
 * Mini-program codes (小程序码, 开发管理权限 id 18): JPEGs stamped with what they open. Limited codes (`getwxacode`,
 * `createwxaqrcode`) count towards 100 000 per mini program (45029).
 */
@Controller()
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class WxaCodesController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** `path` 1–1024 characters (40159). */
  @Post('wxa/getwxacode')
  @HttpCode(200)
  limited(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>, @Res() res: Response): void {
    this.sendLimited(account, body, 'wxacode', res);
  }

  @Post('cgi-bin/wxaapp/createwxaqrcode')
  @HttpCode(200)
  qrcode(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>, @Res() res: Response): void {
    this.sendLimited(account, body, 'wxaqrcode', res);
  }

  /**
   * `scene` 1–32 characters (40169); with `check_path` (default true) `page` must be a page of the released (or,
   * for trial/develop, the committed) version (41030).
   */
  @Post('wxa/getwxacodeunlimit')
  @HttpCode(200)
  unlimited(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>, @Res() res: Response): void {
    const scene = body['scene'];
    if (typeof scene !== 'string' || scene.length < 1 || scene.length > 32 || !/^[\x21-\x7e]+$/.test(scene)) throw new WeChatError(40169);
    const env = body['env_version'] ?? 'release';
    if (typeof env !== 'string' || !ENV_VERSIONS.has(env)) throw new WeChatError(40097);
    const page = body['page'];
    if (body['check_path'] !== false) {
      const code = this.sandbox.apis.code.of(account.appId);
      const pages = env === 'release' ? code.release?.pages : code.experience?.pages;
      if (!pages || (page !== undefined && !pages.includes(String(page)))) throw new WeChatError(41030);
    }
    sendFile(res, stampedJpeg({ kind: 'wxacodeunlimit', appid: account.appId, scene, page: page ?? '', env_version: env }), 'image/jpeg', 'wxacode.jpg');
  }

  private sendLimited(account: Account, body: Record<string, unknown>, kind: string, res: Response): void {
    const path = body['path'];
    if (typeof path !== 'string' || path.length < 1 || path.length > 1024) throw new WeChatError(40159);
    this.sandbox.apis.miniPrograms.of(account.appId).useLimitedCode();
    sendFile(res, stampedJpeg({ kind, appid: account.appId, path, width: body['width'] ?? 430 }), 'image/jpeg', `${kind}.jpg`);
  }
}
