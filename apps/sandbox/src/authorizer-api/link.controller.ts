import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { FUNC } from '../state/permissions.js';
import type { LinkPages, LinkRecord } from '../state/platform/links.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

function targetView(record: LinkRecord): Record<string, unknown> {
  return { appid: record.appId, path: record.path, query: record.query, create_time: record.createTime, expire_time: record.expireTime, env_version: record.envVersion };
}

/**
 * URL Scheme, URL Link and Short Link of mini programs (permission set 18): a link needs a released version (85079)
 * and opens one of its pages (40165; trial and develop links the committed pages), with a query of at most 1024
 * characters (40212); schemes and URL Links expire within 30 days (85401).
 */
@Controller('wxa')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class LinkController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('generatescheme')
  @HttpCode(200)
  scheme(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { openlink: string } {
    return { ...OK, openlink: this.sandbox.platform.links.generateScheme(account.appId, body, this.pages(account)) };
  }

  @Post('queryscheme')
  @HttpCode(200)
  queryScheme(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    return { ...OK, scheme_info: targetView(this.sandbox.platform.links.scheme(account.appId, body['scheme'])), scheme_quota: { long_time_used: 0, long_time_limit: 100_000 } };
  }

  @Post('generate_urllink')
  @HttpCode(200)
  urlLink(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { url_link: string } {
    return { ...OK, url_link: this.sandbox.platform.links.generateUrlLink(account.appId, body, this.pages(account)) };
  }

  @Post('query_urllink')
  @HttpCode(200)
  queryUrlLink(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    return { ...OK, url_link_info: targetView(this.sandbox.platform.links.urlLink(account.appId, body['url_link'])), url_link_quota: { long_time_used: 0, long_time_limit: 100_000 } };
  }

  @Post('genwxashortlink')
  @HttpCode(200)
  shortLink(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { link: string } {
    return { ...OK, link: this.sandbox.platform.links.generateShortLink(account.appId, account.nickName, body, this.pages(account)) };
  }

  private pages(account: Account): LinkPages {
    const code = this.sandbox.apis.code.of(account.appId);
    return { ...(code.release ? { released: code.release.pages } : {}), ...(code.experience ? { committed: code.experience.pages } : {}) };
  }
}
