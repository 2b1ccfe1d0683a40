import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFromPath, WeChatFile, type AuthorizerClient } from 'nestjs-wechat-component';
import { errcodeOf, startApiWorld, type ApiWorld } from './support/api-platform.js';

// media (temporary), material (permanent), draft and freepublish: multipart uploads, streamed downloads.
const jpeg = (size: number, seed = 1): Buffer => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed) % 256));

describe('media, materials, drafts and publishing of an official account', () => {
  let world: ApiWorld;
  let oa: AuthorizerClient;
  let dir: string;

  beforeAll(async () => {
    world = await startApiWorld();
    oa = await world.authorized('official_account');
    dir = await mkdtemp(join(tmpdir(), 'api-media-'));
  });
  afterAll(async () => {
    await world.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('media: uploads bytes and downloads them back as a stream with their type and name', async () => {
    const bytes = jpeg(200_000);
    const uploaded = await oa.media.upload('image', { content: bytes, filename: 'cat.jpg' });
    expect(uploaded).toMatchObject({ type: 'image', media_id: expect.any(String), created_at: expect.any(Number) });
    const file = await oa.media.download(uploaded.media_id!);
    expect(file).toBeInstanceOf(WeChatFile);
    const download = file as WeChatFile;
    expect(download.contentType).toBe('image/jpeg');
    expect(download.filename).toBe(`${uploaded.media_id}.jpg`);
    expect(download.size).toBe(bytes.length);
    expect((await download.toBuffer()).equals(bytes)).toBe(true);
  });

  it('media: streams a file from disk (with its length) and a thumb answers thumb_media_id', async () => {
    const path = join(dir, 'thumb.jpg');
    const bytes = jpeg(60_000, 7);
    await writeFile(path, bytes);
    const thumb = await oa.media.upload('thumb', await uploadFromPath(path));
    expect(thumb.type).toBe('thumb');
    expect(thumb.thumb_media_id).toEqual(expect.any(String));
    const back = (await oa.media.download(thumb.thumb_media_id!)) as WeChatFile;
    const chunks: Buffer[] = [];
    for await (const chunk of back.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('media: a video answers its URL; WeChat refuses bad types, formats and sizes', async () => {
    const video = await oa.media.upload('video', { content: Readable.from([jpeg(1000, 3)]), filename: 'clip.mp4' });
    const answer = await oa.media.download(video.media_id!);
    expect(answer).toEqual({ video_url: expect.stringMatching(/^http/) });
    const fetched = Buffer.from(await (await fetch((answer as { video_url: string }).video_url)).arrayBuffer());
    expect(fetched.equals(jpeg(1000, 3))).toBe(true);
    expect(await errcodeOf(oa.media.upload('image', { content: Buffer.from('hello'), filename: 'notes.txt' }))).toBe(40005);
    expect(await errcodeOf(oa.media.upload('thumb', { content: jpeg(70_000), filename: 'big.jpg' }))).toBe(40006);
    expect(await errcodeOf(oa.media.upload('gif' as 'image', { content: jpeg(10), filename: 'a.gif' }))).toBe(40004);
    expect(await errcodeOf(oa.media.download('no-such-media'))).toBe(40007);
  });

  it('media: an upload retries once after a rejected token when it can be resent, not with a one-shot stream', async () => {
    const path = '/cgi-bin/media/upload';
    const count = async () => (await world.sandbox.client.calls({ path, limit: 1000 })).length;
    await world.sandbox.client.invalidateAuthorizerToken(oa.appId);
    const before = await count();
    await expect(oa.media.upload('image', { content: jpeg(5000), filename: 'a.jpg' })).resolves.toHaveProperty('media_id');
    expect((await count()) - before).toBe(2);
    await world.sandbox.client.invalidateAuthorizerToken(oa.appId);
    expect(await errcodeOf(oa.media.upload('image', { content: Readable.from([jpeg(5000)]), filename: 'b.jpg' }))).toBe(40001);
    await expect(oa.media.upload('image', { content: Readable.from([jpeg(5000)]), filename: 'c.jpg' })).resolves.toHaveProperty('media_id');
  });

  it('media: images for article bodies get a URL serving them; mass articles and videos', async () => {
    const url = await oa.media.uploadImage({ content: jpeg(3000, 9), filename: 'body.png' });
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(jpeg(3000, 9))).toBe(true);
    expect(await errcodeOf(oa.media.uploadImage({ content: jpeg(10), filename: 'x.gif' }))).toBe(40005);
    expect(await oa.media.uploadMassImage({ content: jpeg(10), filename: 'y.jpg' })).toMatch(/^http/);
    const thumb = await oa.media.upload('image', { content: jpeg(1000), filename: 't.jpg' });
    const news = await oa.media.uploadArticles([{ thumb_media_id: thumb.media_id!, title: '开业', content: '<p>欢迎</p>' }]);
    expect(news).toMatchObject({ type: 'news', media_id: expect.any(String) });
    expect(await errcodeOf(oa.media.uploadArticles([]))).toBe(44003);
    const video = await oa.media.upload('video', { content: jpeg(100), filename: 'v.mp4' });
    expect(await oa.media.uploadVideo(video.media_id!, '标题', '描述')).toMatchObject({ type: 'video', media_id: expect.any(String) });
  });

  it('material: images (with URL), videos (title, introduction), count, batchget, get, delete', async () => {
    const image = await oa.material.add('image', { content: jpeg(4000, 5), filename: 'cover.jpg' });
    expect(image.url).toMatch(/^http/);
    const video = await oa.material.add('video', { content: jpeg(500, 6), filename: 'intro.mp4' }, { title: '介绍', introduction: '店铺介绍' });
    expect(await errcodeOf(oa.material.add('video', { content: jpeg(500), filename: 'x.mp4' }))).toBe(47001);
    expect(await oa.material.getCount()).toMatchObject({ image_count: 1, video_count: 1, voice_count: 0 });
    const page = await oa.material.batchget('image', 0, 20);
    expect(page).toMatchObject({ total_count: 1, item_count: 1, item: [{ media_id: image.media_id, name: 'cover.jpg', url: image.url }] });
    expect(await errcodeOf(oa.material.batchget('image', 0, 21))).toBe(40097);
    const file = (await oa.material.get(image.media_id)) as WeChatFile;
    expect((await file.toBuffer()).equals(jpeg(4000, 5))).toBe(true);
    const details = await oa.material.get(video.media_id);
    expect(details).toMatchObject({ title: '介绍', description: '店铺介绍', down_url: expect.stringMatching(/^http/) });
    await oa.material.delete(video.media_id);
    expect(await errcodeOf(oa.material.get(video.media_id))).toBe(40007);
  });

  it('draft and freepublish: a draft with a permanent cover is published, gets URLs and leaves the box', async () => {
    const cover = await oa.material.add('image', { content: jpeg(2000, 2), filename: 'c.jpg' });
    const article = { title: '新品上市', content: '<p>春季新品</p>', thumb_media_id: cover.media_id, author: '小编' };
    expect(await errcodeOf(oa.draft.add([{ ...article, thumb_media_id: 'unknown' }]))).toBe(40007);
    const mediaId = await oa.draft.add([article, { ...article, title: '第二篇' }]);
    expect(await oa.draft.get(mediaId)).toEqual([
      expect.objectContaining({ title: '新品上市', thumb_url: cover.url, url: '' }),
      expect.objectContaining({ title: '第二篇' }),
    ]);
    await oa.draft.update(mediaId, 1, { ...article, title: '改过的第二篇' });
    expect((await oa.draft.get(mediaId))[1]!.title).toBe('改过的第二篇');
    expect(await errcodeOf(oa.draft.update(mediaId, 2, article))).toBe(40097);
    const count = await oa.draft.count();
    const listed = await oa.draft.batchget(0, 20, true);
    expect(listed.item[0]).toMatchObject({ media_id: mediaId });
    expect(listed.item[0]!.content!.news_item[0]).not.toHaveProperty('content');

    // The envelope rule: WeChat's `errcode`/`errmsg` are taken off the answer.
    const submitted = await oa.freepublish.submit(mediaId);
    expect(submitted).toEqual({ publish_id: expect.any(String), msg_data_id: expect.any(Number) });
    const publishId = submitted.publish_id;
    const status = await oa.freepublish.get(publishId);
    expect(status).toMatchObject({ publish_status: 0, article_id: expect.any(String), article_detail: { count: 2 } });
    expect(await oa.draft.count()).toBe(count - 1);
    expect(await errcodeOf(oa.draft.get(mediaId))).toBe(40007);
    const articleId = status.article_id!;
    const published = await oa.freepublish.getArticle(articleId);
    expect(published.map((item) => item.title)).toEqual(['新品上市', '改过的第二篇']);
    expect(published[0]!.url).toBe(status.article_detail!.item[0]!.article_url);
    expect((await oa.freepublish.batchget()).item.map((item) => item.article_id)).toContain(articleId);
    await oa.freepublish.delete(articleId);
    expect((await oa.freepublish.get(publishId)).publish_status).toBe(5);
    expect(await errcodeOf(oa.freepublish.submit(mediaId))).toBe(40007);
  });

  it('needs the 素材管理 permission set (61007) and is not a mini-program API (48001)', async () => {
    const limited = await world.authorized('official_account', [1]);
    expect(await errcodeOf(limited.media.upload('image', { content: jpeg(10), filename: 'a.jpg' }))).toBe(61007);
    const mp = await world.authorized('mini_program');
    expect(await errcodeOf(mp.draft.count())).toBe(48001);
  });
});
