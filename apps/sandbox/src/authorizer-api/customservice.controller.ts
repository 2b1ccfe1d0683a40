import { Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import type { SandboxRequest } from '../http/body-reader.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { requireUpload } from '../http/multipart-form.js';
import { integerField, stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { CustomerService } from '../state/customer-service.js';
import { checkFile, contentTypeOf } from '../state/media-rules.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

const DAY_SECONDS = 86_400;

/**
 * Customer service of official accounts (微信多客服权限, id 6): accounts, sessions and message records. Records are
 * the account's `message/custom/send` messages (opercode 2002, `worker` the `kf_account` they were sent as).
 */
@Controller()
@AuthorizerApi({ official_account: FUNC.CUSTOMER_SERVICE })
export class CustomServiceController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('customservice/kfaccount/add')
  @HttpCode(200)
  add(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.service(account).add(body['kf_account'], body['nickname']);
    return OK;
  }

  @Post('customservice/kfaccount/update')
  @HttpCode(200)
  update(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.service(account).update(body['kf_account'], body['nickname']);
    return OK;
  }

  @Get('customservice/kfaccount/del')
  delete(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>): typeof OK {
    this.service(account).delete(stringField(query, 'kf_account'));
    return OK;
  }

  /** The sandbox's WeChat user accepts at once: the account is then online. */
  @Post('customservice/kfaccount/inviteworker')
  @HttpCode(200)
  invite(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.service(account).invite(body['kf_account'], body['invite_wx']);
    return OK;
  }

  /** A jpg avatar (40005), ≤ 5 MB (40006). */
  @Post('customservice/kfaccount/uploadheadimg')
  @HttpCode(200)
  async uploadHead(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>, @Req() req: SandboxRequest): Promise<typeof OK> {
    const kf = this.service(account).account(stringField(query, 'kf_account'));
    const { file } = await requireUpload(req);
    checkFile(file, ['jpg', 'jpeg'], 5 * 1_048_576);
    const stored = this.sandbox.apis.files.put(account.appId, { ...file, contentType: contentTypeOf(file.filename) });
    kf.headImgUrl = this.sandbox.apis.files.url(this.sandbox.baseUrl, stored.id);
    return OK;
  }

  @Get('cgi-bin/customservice/getkflist')
  list(@CurrentAuthorizer() account: Account): { kf_list: Record<string, unknown>[] } {
    return {
      kf_list: this.service(account).list().map((kf) => ({
        kf_account: kf.kfAccount,
        kf_nick: kf.nickname,
        kf_id: String(kf.kfId),
        kf_headimgurl: kf.headImgUrl,
        ...(kf.worker ? { kf_wx: kf.worker } : {}),
      })),
    };
  }

  @Get('cgi-bin/customservice/getonlinekflist')
  online(@CurrentAuthorizer() account: Account): { kf_online_list: Record<string, unknown>[] } {
    const online = this.service(account).list().filter((kf) => kf.worker);
    return { kf_online_list: online.map((kf) => ({ kf_account: kf.kfAccount, status: 1, kf_id: String(kf.kfId), accepted_case: kf.acceptedCases })) };
  }

  @Post('customservice/kfsession/create')
  @HttpCode(200)
  createSession(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const follower = this.sandbox.apis.audiences.of(account.appId).follower(body['openid']);
    this.service(account).openSession(body['kf_account'], follower.openid);
    return OK;
  }

  @Post('customservice/kfsession/close')
  @HttpCode(200)
  closeSession(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const follower = this.sandbox.apis.audiences.of(account.appId).follower(body['openid']);
    this.service(account).closeSession(body['kf_account'], follower.openid);
    return OK;
  }

  /** No session: `kf_account` empty and `createtime` 0. */
  @Get('customservice/kfsession/getsession')
  getSession(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>): { kf_account: string; createtime: number } {
    const follower = this.sandbox.apis.audiences.of(account.appId).follower(stringField(query, 'openid'));
    const session = this.service(account).session(follower.openid);
    return { kf_account: session?.kfAccount ?? '', createtime: session?.createTime ?? 0 };
  }

  @Get('customservice/kfsession/getsessionlist')
  sessionList(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>): { sessionlist: Array<{ createtime: number; openid: string }> } {
    const sessions = this.service(account).sessionsOf(stringField(query, 'kf_account'));
    return { sessionlist: sessions.map((session) => ({ createtime: session.createTime, openid: session.openid })) };
  }

  @Get('customservice/kfsession/getwaitcase')
  waitCase(@CurrentAuthorizer() account: Account): { count: number; waitcaselist: Array<{ latest_time: number; openid: string }> } {
    const list = this.service(account).waitList();
    return { count: list.length, waitcaselist: list };
  }

  /** Within one day (65417), `msgid` ≥ 1 and `number` 1–10000 (65416). */
  @Post('customservice/msgrecord/getmsglist')
  @HttpCode(200)
  records(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const start = integerField(body, 'starttime');
    const end = integerField(body, 'endtime');
    const msgId = integerField(body, 'msgid') ?? 1;
    const number = integerField(body, 'number') ?? 10_000;
    if (start === undefined || end === undefined || end < start || msgId < 1 || number < 1 || number > 10_000) throw new WeChatError(65416);
    if (end - start > DAY_SECONDS) throw new WeChatError(65417);
    const sent = this.sandbox.sent.list(account.appId).filter((m) => m.at >= start * 1000 && m.at <= end * 1000);
    const recordlist = sent.slice(msgId - 1, msgId - 1 + number).map((message) => ({
      openid: message.touser,
      opercode: 2002,
      text: message.content ?? `[${message.msgtype}]`,
      time: Math.floor(message.at / 1000),
      worker: stringField(message.body['customservice'], 'kf_account') ?? '',
    }));
    return { recordlist, number: recordlist.length, msgid: msgId + recordlist.length };
  }

  private service(account: Account): CustomerService {
    return this.sandbox.apis.customerService.of(account.appId);
  }
}
