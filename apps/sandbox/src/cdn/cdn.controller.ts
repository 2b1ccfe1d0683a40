import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { stampedJpeg } from '../common/jpeg.js';
import { sendFile } from '../http/file-answer.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';

/**
 * What WeChat serves without a token: uploaded files at the URLs the APIs hand out (stand-in for mmbiz.qpic.cn) and
 * QR-code images (`mp.weixin.qq.com/cgi-bin/showqrcode`). Unknown or expired: 404.
 */
@Controller()
export class CdnController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get('mmbiz_file/:id/0')
  file(@Param('id') id: string, @Res() res: Response): void {
    const file = this.sandbox.apis.files.get(id);
    if (!file) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    sendFile(res, file.bytes, file.contentType, file.filename);
  }

  /** A JPEG carrying the code's content (`url`, scene) in its comment segment. */
  @Get('cgi-bin/showqrcode')
  showQrCode(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    const code = this.sandbox.apis.qrCodes.get(stringField(query, 'ticket') ?? '');
    if (!code) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    sendFile(res, stampedJpeg({ kind: 'qrcode', url: code.url, action_name: code.actionName, ...code.scene }), 'image/jpg', 'qrcode.jpg');
  }
}
