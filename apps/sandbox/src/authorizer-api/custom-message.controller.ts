import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account, AccountType } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

const MESSAGE_TYPES: Record<AccountType, ReadonlySet<string>> = {
  official_account: new Set(['text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'mpnewsarticle', 'msgmenu', 'wxcard', 'miniprogrampage']),
  mini_program: new Set(['text', 'image', 'link', 'miniprogrampage']),
};

/**
 * Customer-service messages (`message/custom/send`): official accounts need 消息管理 (1), mini programs 客服消息管理
 * (19). Every accepted message is recorded for the account (control API, release test).
 */
@Controller('cgi-bin/message/custom')
@AuthorizerApi({ official_account: FUNC.MESSAGES, mini_program: FUNC.MP_CUSTOMER_SERVICE })
export class CustomMessageController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('send')
  @HttpCode(200)
  send(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    if (Object.keys(body).length === 0) throw new WeChatError(44002);
    const touser = body['touser'];
    if (typeof touser !== 'string' || touser === '') throw new WeChatError(40003);
    const msgtype = body['msgtype'];
    if (typeof msgtype !== 'string' || !MESSAGE_TYPES[account.type].has(msgtype)) throw new WeChatError(40008);
    const payload = body[msgtype];
    if (typeof payload !== 'object' || payload === null) throw new WeChatError(47001);
    let content: string | undefined;
    if (msgtype === 'text') {
      content = (payload as { content?: unknown }).content as string | undefined;
      if (typeof content !== 'string' || content === '') throw new WeChatError(44004);
    }
    this.sandbox.sent.record(account.appId, body, touser, msgtype, content);
    return OK;
  }
}
