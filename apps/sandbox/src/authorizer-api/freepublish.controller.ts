import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { integerField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { Publication } from '../state/articles.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';
import { pageArgs } from './material.controller.js';

function newsItems(publication: Publication, noContent = false): Record<string, unknown>[] {
  return publication.articles.map(({ content, ...rest }) => ({ ...rest, ...(noContent ? {} : { content }) }));
}

/** Publishing drafts (素材管理权限, id 11): a draft leaves the box and becomes an article with URLs. */
@Controller('cgi-bin/freepublish')
@AuthorizerApi({ official_account: FUNC.MATERIALS })
export class FreePublishController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** 40007 for an unknown draft. */
  @Post('submit')
  @HttpCode(200)
  submit(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const publication = this.sandbox.apis.articles.of(account.appId).publish(body['media_id'], this.sandbox.baseUrl);
    return { ...OK, publish_id: publication.publishId, msg_data_id: publication.msgDataId };
  }

  /** `publish_status` 0 (published; the sandbox publishes at once), 5 when every article was deleted. */
  @Post('get')
  @HttpCode(200)
  get(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const publication = this.sandbox.apis.articles.of(account.appId).publication(body['publish_id']);
    const deleted = publication.articles.every((article) => article.is_deleted);
    return {
      publish_id: publication.publishId,
      publish_status: deleted ? 5 : 0,
      article_id: publication.articleId,
      article_detail: { count: publication.articles.length, item: publication.articles.map((article, index) => ({ idx: index + 1, article_url: article.url })) },
      fail_idx: [],
    };
  }

  /** `index` 1-based; 0 or absent deletes every article of the set. */
  @Post('delete')
  @HttpCode(200)
  delete(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const publication = this.sandbox.apis.articles.of(account.appId).article(body['article_id']);
    const index = integerField(body, 'index') ?? 0;
    if (index < 0 || index > publication.articles.length) throw new WeChatError(40097);
    publication.articles.forEach((article, i) => {
      if (index === 0 || index === i + 1) article.is_deleted = true;
    });
    publication.updateTime = this.sandbox.clock();
    return OK;
  }

  @Post('getarticle')
  @HttpCode(200)
  getArticle(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): { news_item: Record<string, unknown>[] } {
    return { news_item: newsItems(this.sandbox.apis.articles.of(account.appId).article(body['article_id'])) };
  }

  @Post('batchget')
  @HttpCode(200)
  batchget(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const { offset, count } = pageArgs(body);
    const noContent = integerField(body, 'no_content') === 1;
    const all = this.sandbox.apis.articles.of(account.appId).listPublished();
    const item = all.slice(offset, offset + count).map((publication) => ({
      article_id: publication.articleId,
      content: {
        news_item: newsItems(publication, noContent),
        create_time: Math.floor(publication.createTime / 1000),
        update_time: Math.floor(publication.updateTime / 1000),
      },
      update_time: Math.floor(publication.updateTime / 1000),
    }));
    return { total_count: all.length, item_count: item.length, item };
  }
}
