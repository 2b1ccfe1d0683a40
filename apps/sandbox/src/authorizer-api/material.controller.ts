import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { OK, WeChatError } from '../common/errors.js';
import { randomUrlSafe } from '../common/ids.js';
import type { SandboxRequest } from '../http/body-reader.js';
import { sendFile } from '../http/file-answer.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { requireUpload } from '../http/multipart-form.js';
import { integerField, stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { MediaLibrary } from '../state/media-library.js';
import { checkUpload, contentTypeOf, extensionOf, uploadType } from '../state/media-rules.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** `offset` ≥ 0 and `count` 1–20 of the batchget endpoints (40097 otherwise). */
export function pageArgs(body: Record<string, unknown>): { offset: number; count: number } {
  const offset = integerField(body, 'offset') ?? 0;
  const count = integerField(body, 'count') ?? 20;
  if (offset < 0 || count < 1 || count > 20) throw new WeChatError(40097);
  return { offset, count };
}

/** Permanent materials of official accounts (素材管理权限, id 11). */
@Controller('cgi-bin/material')
@AuthorizerApi({ official_account: FUNC.MATERIALS })
export class MaterialController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Form field `media`; a video also needs `description` = `{"title","introduction"}` (47001 otherwise). */
  @Post('add_material')
  @HttpCode(200)
  async add(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>, @Req() req: SandboxRequest): Promise<Record<string, unknown>> {
    const type = uploadType(stringField(query, 'type'));
    const { file, form } = await requireUpload(req);
    checkUpload(type, file);
    let video: { title: string; introduction: string } | undefined;
    if (type === 'video') {
      try {
        const description = JSON.parse(form.text('description') ?? '') as Record<string, unknown>;
        video = { title: String(description['title'] ?? ''), introduction: String(description['introduction'] ?? '') };
      } catch {
        throw new WeChatError(47001);
      }
      if (video.title === '') throw new WeChatError(47001);
    }
    const files = this.sandbox.apis.files;
    const stored = files.put(account.appId, { ...file, contentType: contentTypeOf(file.filename) });
    const url = type === 'image' ? files.url(this.sandbox.baseUrl, stored.id) : undefined;
    const entry = this.library(account).addPermanent({ mediaId: randomUrlSafe(43), type, file: stored, ...(url ? { url } : {}), ...(video ?? {}) });
    return { media_id: entry.mediaId, ...(url ? { url } : {}) };
  }

  /** A file for images, voices and thumbs; `{title, description, down_url}` for videos; 40007 unknown. */
  @Post('get_material')
  @HttpCode(200)
  get(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>, @Res() res: Response): void {
    const entry = this.library(account).material(body['media_id']);
    if (!entry.file) throw new WeChatError(40007);
    if (entry.type === 'video') {
      res.status(200).json({ title: entry.title, description: entry.introduction, down_url: this.sandbox.apis.files.url(this.sandbox.baseUrl, entry.file.id) });
      return;
    }
    sendFile(res, entry.file.bytes, entry.file.contentType, `${entry.mediaId}.${extensionOf(entry.file.filename) || 'bin'}`);
  }

  @Post('del_material')
  @HttpCode(200)
  delete(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const entry = this.library(account).deleteMaterial(body['media_id']);
    if (entry.file) this.sandbox.apis.files.delete(entry.file.id);
    return OK;
  }

  @Get('get_materialcount')
  count(@CurrentAuthorizer() account: Account): Record<string, number> {
    return this.library(account).counts();
  }

  /** `type` image|video|voice|news (40004), `count` 1–20. */
  @Post('batchget_material')
  @HttpCode(200)
  batchget(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const type = body['type'];
    if (type !== 'news' && type !== 'image' && type !== 'video' && type !== 'voice') throw new WeChatError(40004);
    const { offset, count } = pageArgs(body);
    const all = this.library(account).materials(type);
    const item = all.slice(offset, offset + count).map((entry) => ({
      media_id: entry.mediaId,
      name: entry.file?.filename ?? '',
      update_time: Math.floor(entry.updateTime / 1000),
      ...(entry.url ? { url: entry.url } : {}),
    }));
    return { total_count: all.length, item_count: item.length, item };
  }

  private library(account: Account): MediaLibrary {
    return this.sandbox.apis.media.of(account.appId);
  }
}
