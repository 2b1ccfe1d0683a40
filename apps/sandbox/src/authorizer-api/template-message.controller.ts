import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** The `data` of template and subscription messages: `{ key: { value } }` (47001 otherwise). */
export function checkTemplateData(data: unknown): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new WeChatError(47001);
  for (const value of Object.values(data)) {
    if (typeof value !== 'object' || value === null || typeof (value as Record<string, unknown>)['value'] !== 'string') throw new WeChatError(47003);
  }
}

/** Template messages and one-time subscription messages of official accounts (群发与通知权限, id 7). */
@Controller('cgi-bin/message/template')
@AuthorizerApi({ official_account: FUNC.MASS_AND_NOTICES })
export class TemplateMessageController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** To a follower (40003), with one of the account's templates (40037); every message is recorded. */
  @Post('send')
  @HttpCode(200)
  send(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { msgid: number } {
    const follower = this.sandbox.apis.audiences.of(account.appId).follower(body['touser']);
    this.sandbox.apis.templates.of(account.appId).get(body['template_id']);
    checkTemplateData(body['data']);
    const outbox = this.sandbox.apis.outboxes.of(account.appId);
    outbox.record('template', [follower.openid], body);
    return { ...OK, msgid: outbox.nextMessageId() };
  }

  /** One-time subscription message: the user must have subscribed to the template (43101), scene 0–10000, title ≤ 15. */
  @Post('subscribe')
  @HttpCode(200)
  subscribe(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const follower = this.sandbox.apis.audiences.of(account.appId).follower(body['touser']);
    const templateId = stringField(body, 'template_id');
    if (!templateId) throw new WeChatError(40037);
    const scene = Number(body['scene']);
    const title = stringField(body, 'title');
    if (!Number.isInteger(scene) || scene < 0 || scene > 10_000 || !title || [...title].length > 15) throw new WeChatError(47003);
    const data = body['data'];
    checkTemplateData(data);
    if (!stringField((data as Record<string, unknown>)['content'], 'value')) throw new WeChatError(47003);
    const outbox = this.sandbox.apis.outboxes.of(account.appId);
    outbox.consumeGrant(follower.openid, templateId);
    outbox.record('subscribe-template', [follower.openid], body);
    return OK;
  }
}
