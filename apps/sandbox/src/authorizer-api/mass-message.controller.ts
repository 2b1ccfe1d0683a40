import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { Outbox } from '../state/outbox.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

const MASS_TYPES = new Set(['mpnews', 'text', 'voice', 'image', 'mpvideo', 'wxcard']);

/** Mass messages of official accounts (群发与通知权限, id 7): jobs finish at once (`SEND_SUCCESS`). */
@Controller('cgi-bin/message/mass')
@AuthorizerApi({ official_account: FUNC.MASS_AND_NOTICES })
export class MassMessageController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** To everyone (`filter.is_to_all`) or a tag's followers (`filter.tag_id`, 45159 unknown). */
  @Post('sendall')
  @HttpCode(200)
  sendAll(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const filter = body['filter'];
    if (typeof filter !== 'object' || filter === null) throw new WeChatError(47001);
    const audience = this.sandbox.apis.audiences.of(account.appId);
    const { is_to_all: toAll, tag_id: tagId } = filter as Record<string, unknown>;
    const tag = toAll === true ? undefined : audience.tag(Number(tagId));
    const to = audience.page((f) => !f.blacklisted && (!tag || f.tagIds.includes(tag.id))).data?.openid ?? [];
    return this.submit(account, body, to);
  }

  /** To 2–10 000 followers (40130 otherwise; 40003 for an openid that is not a follower). */
  @Post('send')
  @HttpCode(200)
  send(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const touser = body['touser'];
    if (!Array.isArray(touser) || touser.length < 2 || touser.length > 10_000) throw new WeChatError(40130);
    const audience = this.sandbox.apis.audiences.of(account.appId);
    return this.submit(account, body, touser.map((openid) => audience.follower(openid).openid));
  }

  /** To one follower (`touser`) or WeChat ID (`towxname`). */
  @Post('preview')
  @HttpCode(200)
  preview(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const wxName = stringField(body, 'towxname');
    const to = wxName ? [wxName] : [this.sandbox.apis.audiences.of(account.appId).follower(body['touser']).openid];
    this.checkContent(account, body);
    const outbox = this.outbox(account);
    outbox.record('mass-preview', to, body);
    return { errcode: 0, errmsg: 'preview success', msg_id: outbox.nextMessageId() };
  }

  @Post('delete')
  @HttpCode(200)
  delete(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.outbox(account).job(body['msg_id']).status = 'DELETE';
    return OK;
  }

  @Post('get')
  @HttpCode(200)
  get(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): { msg_id: number; msg_status: string } {
    const job = this.outbox(account).job(body['msg_id']);
    return { msg_id: job.msgId, msg_status: job.status };
  }

  private submit(account: Account, body: Record<string, unknown>, to: string[]): Record<string, unknown> {
    const msgtype = this.checkContent(account, body);
    const clientMsgId = stringField(body, 'clientmsgid');
    const outbox = this.outbox(account);
    const job = outbox.startMass(msgtype === 'mpnews', clientMsgId);
    outbox.record('mass', to, body);
    return { errcode: 0, errmsg: 'send job submission success', msg_id: job.msgId, ...(job.msgDataId ? { msg_data_id: job.msgDataId } : {}) };
  }

  /** `msgtype` (40008), its object (47001), text (44004), media ids of this account and of the right type (40007). */
  private checkContent(account: Account, body: Record<string, unknown>): string {
    const msgtype = body['msgtype'];
    if (typeof msgtype !== 'string' || !MASS_TYPES.has(msgtype)) throw new WeChatError(40008);
    const payload = body[msgtype];
    if (typeof payload !== 'object' || payload === null) throw new WeChatError(47001);
    const library = this.sandbox.apis.media.of(account.appId);
    const mediaId = (payload as Record<string, unknown>)['media_id'];
    if (msgtype === 'text' && !stringField(payload, 'content')) throw new WeChatError(44004);
    if (msgtype === 'image' || msgtype === 'voice' || msgtype === 'mpvideo') {
      const expected = msgtype === 'mpvideo' ? 'video' : msgtype;
      if (library.anyMedia(mediaId).type !== expected) throw new WeChatError(40007);
    }
    if (msgtype === 'mpnews') {
      try {
        if (library.anyMedia(mediaId).type !== 'news') throw new WeChatError(40007);
      } catch {
        this.sandbox.apis.articles.of(account.appId).draft(mediaId);
      }
    }
    return msgtype;
  }

  private outbox(account: Account): Outbox {
    return this.sandbox.apis.outboxes.of(account.appId);
  }
}
