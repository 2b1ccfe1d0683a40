import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { WeChatError, type WeChatErrorBody } from '../common/errors.js';
import { newRid } from '../common/ids.js';
import { Sandbox } from '../sandbox.js';

/** WeChat's error body: the text followed by ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx`. */
export function weChatErrorBody(errcode: number, errmsg: string, nowMs: number): WeChatErrorBody {
  return { errcode, errmsg: `${errmsg} rid: ${newRid(nowMs)}` };
}

/** Renders {@link WeChatError}s as WeChat does: HTTP 200 and `{"errcode":N,"errmsg":"… rid: …"}`. */
@Catch(WeChatError)
export class WeChatErrorFilter implements ExceptionFilter {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  catch(error: WeChatError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(200)
      .json({ ...weChatErrorBody(error.errcode, error.errmsg, this.sandbox.clock()), ...error.details });
  }
}
