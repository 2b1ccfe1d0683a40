import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { identityOf, SIMULATED_USERS } from '../state/users.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';
import { checkTemplateData } from './template-message.controller.js';

/**
 * Subscription messages (订阅消息 / 订阅通知): each send uses one subscription the user gave for the template
 * (control API `POST /sandbox/accounts/:appId/subscriptions`); none left answers 43101.
 */
@Controller('cgi-bin/message/subscribe')
export class SubscribeMessageController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Mini programs (开发管理权限, id 18). */
  @Post('send')
  @HttpCode(200)
  @AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
  send(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const touser = stringField(body, 'touser');
    const known = SIMULATED_USERS.some((user) => identityOf(user, account.appId, this.sandbox.component.appId).openid === touser);
    if (!touser || !known) throw new WeChatError(40003);
    const state = body['miniprogram_state'];
    if (state !== undefined && state !== 'developer' && state !== 'trial' && state !== 'formal') throw new WeChatError(47003);
    return this.deliver(account, touser, body, 'subscribe');
  }

  /** Official accounts (群发与通知权限, id 7): to a follower. */
  @Post('bizsend')
  @HttpCode(200)
  @AuthorizerApi({ official_account: FUNC.MASS_AND_NOTICES })
  bizsend(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const follower = this.sandbox.apis.audiences.of(account.appId).follower(body['touser']);
    return this.deliver(account, follower.openid, body, 'biz-subscribe');
  }

  private deliver(account: Account, openid: string, body: Record<string, unknown>, kind: 'subscribe' | 'biz-subscribe'): typeof OK {
    const templateId = stringField(body, 'template_id');
    if (!templateId) throw new WeChatError(40037);
    checkTemplateData(body['data']);
    const outbox = this.sandbox.apis.outboxes.of(account.appId);
    outbox.consumeGrant(openid, templateId);
    outbox.record(kind, [openid], body);
    return OK;
  }
}
