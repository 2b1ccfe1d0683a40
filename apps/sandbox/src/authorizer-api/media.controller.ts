import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { epochSeconds } from '../common/clock.js';
import { WeChatError } from '../common/errors.js';
import { randomUrlSafe } from '../common/ids.js';
import type { SandboxRequest } from '../http/body-reader.js';
import { sendFile } from '../http/file-answer.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { requireUpload } from '../http/multipart-form.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { TEMPORARY_SECONDS, type MediaLibrary, type NewsItem } from '../state/media-library.js';
import { checkFile, checkUpload, contentTypeOf, extensionOf, uploadType } from '../state/media-rules.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

const MAX_ARTICLES = 8;

/** Checks the articles of `uploadnews` and `draft/add`: 1–8 (44003 / 45008), titles and bodies, known thumbs. */
export function checkArticles(articles: unknown, thumbExists: (id: unknown) => void): NewsItem[] {
  if (!Array.isArray(articles) || articles.length === 0) throw new WeChatError(44003);
  if (articles.length > MAX_ARTICLES) throw new WeChatError(45008);
  return articles.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw new WeChatError(47001);
    const article = item as Record<string, unknown>;
    if (typeof article['title'] !== 'string' || article['title'] === '' || typeof article['content'] !== 'string') throw new WeChatError(47001);
    if (article['article_type'] !== 'newspic') thumbExists(article['thumb_media_id']);
    return structuredClone(article) as NewsItem;
  });
}

/**
 * Temporary media of official accounts (素材管理权限, id 11): uploads are kept 3 days and read back as files (a video
 * as its URL); images for article bodies get a URL.
 */
@Controller('cgi-bin/media')
@AuthorizerApi({ official_account: FUNC.MATERIALS })
export class MediaController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /**
   * `?type=` image|voice|video|thumb (40004); form field `media` (41005); format 40005, size 40006. Mini programs
   * upload temporary media too (customer-service images, head images: 客服消息权限 19).
   */
  @Post('upload')
  @HttpCode(200)
  @AuthorizerApi({ official_account: FUNC.MATERIALS, mini_program: FUNC.MP_CUSTOMER_SERVICE })
  async upload(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>, @Req() req: SandboxRequest): Promise<Record<string, unknown>> {
    const type = uploadType(stringField(query, 'type'));
    const { file } = await requireUpload(req);
    checkUpload(type, file);
    const stored = this.sandbox.apis.files.put(account.appId, { ...file, contentType: contentTypeOf(file.filename) }, TEMPORARY_SECONDS);
    const entry = this.library(account).addTemporary({ mediaId: randomUrlSafe(64), type, file: stored });
    const idField = type === 'thumb' ? 'thumb_media_id' : 'media_id';
    return { type, [idField]: entry.mediaId, created_at: Math.floor(entry.createdAt / 1000) };
  }

  /** The file (`Content-disposition` names it); a video answers `{video_url}`; unknown or expired 40007. */
  @Get('get')
  @AuthorizerApi({ official_account: FUNC.MATERIALS, mini_program: FUNC.MP_CUSTOMER_SERVICE })
  download(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>, @Res() res: Response): void {
    const entry = this.library(account).temporaryMedia(stringField(query, 'media_id'));
    if (!entry.file) throw new WeChatError(40007);
    if (entry.type === 'video') {
      res.status(200).json({ video_url: this.sandbox.apis.files.url(this.sandbox.baseUrl, entry.file.id) });
      return;
    }
    sendFile(res, entry.file.bytes, entry.file.contentType, `${entry.mediaId}.${extensionOf(entry.file.filename) || 'bin'}`);
  }

  /** jpg/png only (40005), ≤ 1 MB (40006): returns the image's URL. */
  @Post('uploadimg')
  @HttpCode(200)
  async uploadImage(@CurrentAuthorizer() account: Account, @Req() req: SandboxRequest): Promise<{ url: string }> {
    const { file } = await requireUpload(req);
    checkFile(file, ['jpg', 'jpeg', 'png'], 1_048_576);
    const stored = this.sandbox.apis.files.put(account.appId, { ...file, contentType: contentTypeOf(file.filename) });
    return { url: this.sandbox.apis.files.url(this.sandbox.baseUrl, stored.id) };
  }

  /** A mass-message video from an uploaded video (40007 for an unknown one). */
  @Post('uploadvideo')
  @HttpCode(200)
  uploadVideo(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const source = this.library(account).temporaryMedia(body['media_id']);
    if (source.type !== 'video') throw new WeChatError(40007);
    const title = stringField(body, 'title') ?? '';
    const introduction = stringField(body, 'description') ?? '';
    const entry = this.library(account).addTemporary({ mediaId: randomUrlSafe(64), type: 'video', ...(source.file ? { file: source.file } : {}), title, introduction });
    return { type: 'video', media_id: entry.mediaId, created_at: epochSeconds(this.sandbox.clock) };
  }

  /** Articles for a mass `mpnews` (1–8, thumbs must exist: 40007). */
  @Post('uploadnews')
  @HttpCode(200)
  uploadNews(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const library = this.library(account);
    const articles = checkArticles(body['articles'], (id) => library.anyMedia(id));
    const entry = library.addTemporary({ mediaId: randomUrlSafe(64), type: 'news', articles });
    return { type: 'news', media_id: entry.mediaId, created_at: Math.floor(entry.createdAt / 1000) };
  }

  private library(account: Account): MediaLibrary {
    return this.sandbox.apis.media.of(account.appId);
  }
}
