import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { Audience, OpenIdPage } from '../state/audience.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

function tagOf(body: Record<string, unknown>): Record<string, unknown> {
  const tag = body['tag'];
  if (typeof tag !== 'object' || tag === null) throw new WeChatError(47001);
  return tag as Record<string, unknown>;
}

/** User tags and the blacklist of official accounts (用户管理权限, id 2). */
@Controller('cgi-bin/tags')
@AuthorizerApi({ official_account: FUNC.USERS })
export class TagController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('create')
  @HttpCode(200)
  create(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): { tag: { id: number; name: string } } {
    const tag = this.audience(account).createTag(tagOf(body)['name']);
    return { tag: { id: tag.id, name: tag.name } };
  }

  @Get('get')
  list(@CurrentAuthorizer() account: Account): { tags: Array<{ id: number; name: string; count: number }> } {
    return { tags: this.audience(account).listTags() };
  }

  @Post('update')
  @HttpCode(200)
  update(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const tag = tagOf(body);
    this.audience(account).renameTag(tag['id'], tag['name']);
    return OK;
  }

  @Post('delete')
  @HttpCode(200)
  delete(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.audience(account).deleteTag(tagOf(body)['id']);
    return OK;
  }

  /** ≤ 50 openids (40032), each a follower (49003), ≤ 20 tags a user (45059). */
  @Post('members/batchtagging')
  @HttpCode(200)
  tag(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.audience(account).tagFollowers(body['tagid'], body['openid_list']);
    return OK;
  }

  @Post('members/batchuntagging')
  @HttpCode(200)
  untag(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.audience(account).untagFollowers(body['tagid'], body['openid_list']);
    return OK;
  }

  @Post('getidlist')
  @HttpCode(200)
  idList(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): { tagid_list: number[] } {
    return { tagid_list: [...this.audience(account).follower(body['openid']).tagIds] };
  }

  /** 10 000 a page from `begin_openid`. */
  @Post('members/getblacklist')
  @HttpCode(200)
  blacklist(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): OpenIdPage & { total: number } {
    return this.audience(account).page((f) => f.blacklisted, stringField(body, 'begin_openid') || undefined);
  }

  /** ≤ 20 openids (40032), each a follower (49003). */
  @Post('members/batchblacklist')
  @HttpCode(200)
  black(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    for (const follower of this.audience(account).followerList(body['openid_list'], 20)) follower.blacklisted = true;
    return OK;
  }

  @Post('members/batchunblacklist')
  @HttpCode(200)
  unblack(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    for (const follower of this.audience(account).followerList(body['openid_list'], 20)) follower.blacklisted = false;
    return OK;
  }

  private audience(account: Account): Audience {
    return this.sandbox.apis.audiences.of(account.appId);
  }
}
