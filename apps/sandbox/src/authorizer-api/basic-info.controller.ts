import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { MiniProgramAccount } from '../state/platform/mini-program-account.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** 小程序基本信息设置权限. */
const BASIC_INFO = 30;

/**
 * A mini program's account settings (permission set 30): basic info, name (checked, set at once or audited — the
 * `wxa_nickname_audit` push comes when reviewers decide), head image, introduction, search status, administrator
 * rebinding (the task comes from the `componentrebindadmin` page).
 */
@Controller()
@AuthorizerApi({ mini_program: BASIC_INFO })
export class BasicInfoController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get('cgi-bin/account/getaccountbasicinfo')
  basicInfo(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    const quotas = this.settings(account).quotas();
    return {
      ...OK,
      appid: account.appId,
      account_type: 0,
      principal_type: account.principalName === '个人' ? 0 : 1,
      principal_name: account.principalName,
      realname_status: 1,
      wx_verify_info: { qualification_verify: account.verifyTypeId === 0, naming_verify: account.verifyTypeId === 0 },
      signature_info: { signature: account.signature, modify_used_count: quotas.signature[0], modify_quota: quotas.signature[1] },
      head_image_info: { head_image_url: this.settings(account).headImageUrl, modify_used_count: quotas.headImage[0], modify_quota: quotas.headImage[1] },
      nickname_info: { nickname: account.nickName, modify_used_count: quotas.name[0], modify_quota: quotas.name[1] },
      nickname: account.nickName,
    };
  }

  @Post('cgi-bin/wxverify/checkwxverifynickname')
  @HttpCode(200)
  checkNickname(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    return { ...OK, ...this.settings(account).checkNickname(body['nick_name'], (name) => this.taken(account, name)) };
  }

  @Post('wxa/setnickname')
  @HttpCode(200)
  setNickname(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    return { ...OK, ...this.settings(account).setNickname(account, body, (name) => this.taken(account, name), () => this.sandbox.platform.newAuditId()) };
  }

  @Post('wxa/api_wxa_querynickname')
  @HttpCode(200)
  queryNickname(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const audit = this.settings(account).nicknameAudit(body['audit_id']);
    return { ...OK, nickname: audit.nickname, audit_stat: audit.status, fail_reason: audit.reason, create_time: audit.createTime, audit_time: audit.auditTime };
  }

  /** A temporary image of this account (`media/upload`, 40007 otherwise); 53202 after 5 changes this month. */
  @Post('cgi-bin/account/modifyheadimage')
  @HttpCode(200)
  headImage(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const media = this.sandbox.apis.media.of(account.appId).temporaryMedia(body['head_img_media_id']);
    if (media.type !== 'image') throw new WeChatError(40007);
    for (const corner of ['x1', 'y1', 'x2', 'y2']) {
      const value = body[corner];
      if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 1)) throw new WeChatError(40097);
    }
    this.settings(account).setHeadImage(`http://mmbiz.qpic.cn/mmbiz_png/${media.mediaId}/0`);
    return OK;
  }

  @Post('cgi-bin/account/modifysignature')
  @HttpCode(200)
  signature(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.settings(account).setSignature(account, body['signature']);
    return OK;
  }

  @Get('wxa/getwxasearchstatus')
  searchStatus(@CurrentAuthorizer() account: Account): typeof OK & { status: number } {
    return { ...OK, status: this.settings(account).searchHidden ? 1 : 0 };
  }

  /** `status` 0 searchable, 1 hidden (40097 otherwise). */
  @Post('wxa/changewxasearchstatus')
  @HttpCode(200)
  changeSearchStatus(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    if (body['status'] !== 0 && body['status'] !== 1) throw new WeChatError(40097);
    this.settings(account).searchHidden = body['status'] === 1;
    return OK;
  }

  /** The task issued by the `componentrebindadmin` page for this mini program (89250 otherwise); used once. */
  @Post('cgi-bin/account/componentrebindadmin')
  @HttpCode(200)
  rebindAdmin(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const taskId = body['taskid'];
    if (typeof taskId !== 'string' || this.sandbox.platform.rebindTasks.get(taskId) !== account.appId) throw new WeChatError(89250);
    this.sandbox.platform.rebindTasks.delete(taskId);
    return OK;
  }

  private settings(account: Account): MiniProgramAccount {
    return this.sandbox.platform.accountSettings.of(account.appId);
  }

  /** Whether another mini program already has the name. */
  private taken(account: Account, name: string): boolean {
    for (const other of this.sandbox.accounts.values()) if (other !== account && other.type === 'mini_program' && other.nickName === name) return true;
    return false;
  }
}
