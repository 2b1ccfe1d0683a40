import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { Follower, OpenIdPage } from '../state/audience.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

const LANGUAGES = new Set(['zh_CN', 'zh_TW', 'en']);

/** `user/info` of a follower (since 2021 without nickname and avatar). */
export function userInfoView(follower: Follower, lang = 'zh_CN'): Record<string, unknown> {
  return {
    subscribe: 1,
    openid: follower.openid,
    language: lang,
    subscribe_time: follower.subscribeTime,
    unionid: follower.unionid,
    remark: follower.remark,
    groupid: 0,
    tagid_list: [...follower.tagIds],
    subscribe_scene: follower.scene,
    qr_scene: 0,
    qr_scene_str: '',
  };
}

/** Followers of official accounts (用户管理权限, id 2). */
@Controller('cgi-bin/user')
@AuthorizerApi({ official_account: FUNC.USERS })
export class UserController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** 40003 for an openid that is not one of the account's followers. */
  @Get('info')
  info(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>): Record<string, unknown> {
    const lang = stringField(query, 'lang') ?? 'zh_CN';
    if (!LANGUAGES.has(lang)) throw new WeChatError(40097);
    return userInfoView(this.sandbox.apis.audiences.of(account.appId).follower(stringField(query, 'openid')), lang);
  }

  /** Up to 100 users (40032 otherwise). */
  @Post('info/batchget')
  @HttpCode(200)
  batchget(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): { user_info_list: Record<string, unknown>[] } {
    const list = body['user_list'];
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) throw new WeChatError(40032);
    const audience = this.sandbox.apis.audiences.of(account.appId);
    return {
      user_info_list: list.map((item: unknown) => {
        const lang = stringField(item, 'lang') ?? 'zh_CN';
        return userInfoView(audience.follower(stringField(item, 'openid')), LANGUAGES.has(lang) ? lang : 'zh_CN');
      }),
    };
  }

  /** 10 000 openids a page; `next_openid` is the last of the page, and a page after the last is empty. */
  @Get('get')
  followers(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>): OpenIdPage & { total: number } {
    return this.sandbox.apis.audiences.of(account.appId).page(() => true, stringField(query, 'next_openid') || undefined);
  }

  /** Remarks must be under 30 characters (40097 otherwise). */
  @Post('info/updateremark')
  @HttpCode(200)
  updateRemark(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const follower = this.sandbox.apis.audiences.of(account.appId).follower(body['openid']);
    const remark = body['remark'];
    if (typeof remark !== 'string' || [...remark].length >= 30) throw new WeChatError(40097);
    follower.remark = remark;
    return OK;
  }

  /** `user/tag/get` (POST, or GET with the query): a tag's followers. */
  @Post('tag/get')
  @HttpCode(200)
  tagUsers(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): OpenIdPage {
    const audience = this.sandbox.apis.audiences.of(account.appId);
    const tag = audience.tag(typeof body['tagid'] === 'string' ? Number(body['tagid']) : body['tagid']);
    const { total: _total, ...page } = audience.page((f) => f.tagIds.includes(tag.id), stringField(body, 'next_openid') || undefined);
    return page;
  }
}
