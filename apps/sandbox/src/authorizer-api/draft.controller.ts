import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { integerField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { NewsItem } from '../state/media-library.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';
import { pageArgs } from './material.controller.js';
import { checkArticles } from './media.controller.js';

/** An article as the draft box shows it: its thumb's URL filled in, an empty `url` until published. */
function view(article: NewsItem, thumbUrl: (id: unknown) => string | undefined, noContent = false): Record<string, unknown> {
  const { content, ...rest } = article;
  return { ...rest, ...(noContent ? {} : { content }), thumb_url: thumbUrl(article.thumb_media_id) ?? '', url: '' };
}

/** The draft box of official accounts (素材管理权限, id 11); thumbs must be permanent image materials. */
@Controller('cgi-bin/draft')
@AuthorizerApi({ official_account: FUNC.MATERIALS })
export class DraftController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('add')
  @HttpCode(200)
  add(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): { media_id: string } {
    return { media_id: this.sandbox.apis.articles.of(account.appId).addDraft(this.articles(account, body['articles'])).mediaId };
  }

  @Post('get')
  @HttpCode(200)
  get(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): { news_item: Record<string, unknown>[] } {
    const draft = this.sandbox.apis.articles.of(account.appId).draft(body['media_id']);
    return { news_item: draft.articles.map((article) => view(article, this.thumbUrl(account))) };
  }

  @Post('delete')
  @HttpCode(200)
  delete(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.apis.articles.of(account.appId).deleteDraft(body['media_id']);
    return OK;
  }

  /** Replaces the article at `index` (0-based; 40097 out of range). */
  @Post('update')
  @HttpCode(200)
  update(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const draft = this.sandbox.apis.articles.of(account.appId).draft(body['media_id']);
    const index = integerField(body, 'index');
    if (index === undefined || index < 0 || index >= draft.articles.length) throw new WeChatError(40097);
    draft.articles[index] = this.articles(account, [body['articles']])[0]!;
    draft.updateTime = this.sandbox.clock();
    return OK;
  }

  @Get('count')
  count(@CurrentAuthorizer() account: Account): { total_count: number } {
    return { total_count: this.sandbox.apis.articles.of(account.appId).listDrafts().length };
  }

  /** `no_content` 1 leaves out the article bodies. */
  @Post('batchget')
  @HttpCode(200)
  batchget(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const { offset, count } = pageArgs(body);
    const noContent = integerField(body, 'no_content') === 1;
    const all = this.sandbox.apis.articles.of(account.appId).listDrafts();
    const item = all.slice(offset, offset + count).map((draft) => ({
      media_id: draft.mediaId,
      content: { news_item: draft.articles.map((article) => view(article, this.thumbUrl(account), noContent)) },
      update_time: Math.floor(draft.updateTime / 1000),
    }));
    return { total_count: all.length, item_count: item.length, item };
  }

  private articles(account: Account, articles: unknown): NewsItem[] {
    const library = this.sandbox.apis.media.of(account.appId);
    return checkArticles(articles, (id) => {
      const material = library.material(id);
      if (material.type !== 'image' && material.type !== 'thumb') throw new WeChatError(40007);
    });
  }

  private thumbUrl(account: Account): (id: unknown) => string | undefined {
    const library = this.sandbox.apis.media.of(account.appId);
    return (id) => {
      try {
        const material = library.material(id);
        return material.url ?? (material.file ? this.sandbox.apis.files.url(this.sandbox.baseUrl, material.file.id) : undefined);
      } catch {
        return undefined;
      }
    };
  }
}
