import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJpegStamp } from '../common/jpeg.js';
import { RID, startFixture, type Fixture } from '../testing/fixture.js';

// The official-account groups over raw HTTP, as a platform that is not our library would call them.
let f: Fixture;
let token: string;
let appId: string;
beforeAll(async () => {
  f = await startFixture();
  appId = (await f.sandbox.client.createAccount({ type: 'official_account', menu: true })).appId;
  token = (await f.authorize(appId)).accessToken;
});
afterAll(() => f.stop());

const q = () => ({ access_token: token });
async function upload(path: string, file: Blob, name: string, query: Record<string, string> = {}, extra: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  form.set('media', file, name);
  for (const [key, value] of Object.entries(extra)) form.set(key, value);
  return fetch(f.wx.url(path, { ...q(), ...query }), { method: 'POST', body: form });
}

describe('errors keep WeChat’s shape', () => {
  it('new errcodes carry their text and a rid', async () => {
    const answer = await f.wx.get('/cgi-bin/user/info', { ...q(), openid: 'nobody' });
    expect(answer.errcode).toBe(40003);
    expect(answer.errmsg).toMatch(/^invalid openid rid: /);
    expect(answer.errmsg).toMatch(RID);
    const media = await f.wx.get('/cgi-bin/media/get', { ...q(), media_id: 'x' });
    expect(media.errmsg).toMatch(/^invalid media_id rid: /);
  });
});

describe('user/get paging', () => {
  it('gives the last openid of a page as next_openid and an empty page after the last', async () => {
    await f.sandbox.client.addFollowers(appId, 10_001);
    const first = await f.wx.get('/cgi-bin/user/get', q());
    expect(first).toMatchObject({ total: 10_004, count: 10_000 });
    const openids = (first['data'] as { openid: string[] }).openid;
    expect(first['next_openid']).toBe(openids.at(-1));
    const second = await f.wx.get('/cgi-bin/user/get', { ...q(), next_openid: first['next_openid'] as string });
    expect(second).toMatchObject({ count: 4, data: { openid: expect.any(Array) } });
    const third = await f.wx.get('/cgi-bin/user/get', { ...q(), next_openid: second['next_openid'] as string });
    expect(third).toEqual({ total: 10_004, count: 0, next_openid: '' });
    expect((await f.wx.get('/cgi-bin/user/get', { ...q(), next_openid: 'oUnknown' })).errcode).toBe(40003);
  });
});

describe('uploads and files', () => {
  it('parses any multipart client, keeps the bytes, answers them with Content-Type and Content-disposition', async () => {
    const bytes = new Uint8Array(Array.from({ length: 5000 }, (_, i) => i % 251));
    const answer = (await (await upload('/cgi-bin/media/upload', new Blob([bytes]), 'photo.png', { type: 'image' })).json()) as Record<string, unknown>;
    expect(answer).toEqual({ type: 'image', media_id: expect.any(String), created_at: expect.any(Number) });
    const file = await fetch(f.wx.url('/cgi-bin/media/get', { ...q(), media_id: answer['media_id'] as string }));
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${answer['media_id'] as string}.png"`);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it('refuses a body that is not a form (41005), an empty file (41005) and a temporary medium after 3 days (40007)', async () => {
    expect((await f.wx.post('/cgi-bin/media/upload?type=image', { media: 'x' }, q())).errcode).toBe(41005);
    expect(((await (await upload('/cgi-bin/media/upload', new Blob([]), 'a.jpg', { type: 'image' })).json()) as { errcode: number }).errcode).toBe(41005);
    const answer = (await (await upload('/cgi-bin/media/upload', new Blob(['abc']), 'a.jpg', { type: 'image' })).json()) as { media_id: string };
    expect((await fetch(f.wx.url('/cgi-bin/media/get', { ...q(), media_id: answer.media_id }))).status).toBe(200);
    f.advance(3 * 86_400_000 + 1000);
    token = (await f.authorize(appId)).accessToken;
    expect((await f.wx.get('/cgi-bin/media/get', { ...q(), media_id: answer.media_id })).errcode).toBe(40007);
  });

  it('keeps a video material’s description from the form field', async () => {
    const answer = (await (await upload('/cgi-bin/material/add_material', new Blob(['v']), 'v.mp4', { type: 'video' }, { description: '{"title":"T","introduction":"I"}' })).json()) as { media_id: string };
    expect(await f.wx.post('/cgi-bin/material/get_material', { media_id: answer.media_id }, q())).toEqual({ title: 'T', description: 'I', down_url: expect.stringContaining('/mmbiz_file/') });
  });
});

describe('QR codes', () => {
  it('create temporary codes (default 60 s) that stop showing once expired; the image is a JPEG', async () => {
    const code = await f.wx.post('/cgi-bin/qrcode/create', { action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'a' } } }, q());
    expect(code).toEqual({ ticket: expect.any(String), expire_seconds: 60, url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\//) });
    const image = await fetch(`${f.sandbox.mpBaseUrl}/cgi-bin/showqrcode?ticket=${encodeURIComponent(code['ticket'] as string)}`);
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(readJpegStamp(bytes)).toMatchObject({ scene_str: 'a' });
    f.advance(61_000);
    expect((await fetch(`${f.sandbox.mpBaseUrl}/cgi-bin/showqrcode?ticket=${encodeURIComponent(code['ticket'] as string)}`)).status).toBe(404);
  });
});

describe('jsapi tickets', () => {
  it('issue a ticket of each type with errcode 0 and expires_in 7200; other types 40097', async () => {
    expect(await f.wx.get('/cgi-bin/ticket/getticket', { ...q(), type: 'jsapi' })).toEqual({ errcode: 0, errmsg: 'ok', ticket: expect.any(String), expires_in: 7200 });
    expect((await f.wx.get('/cgi-bin/ticket/getticket', { ...q(), type: 'other' })).errcode).toBe(40097);
  });
});

describe('datacube', () => {
  it('answers unknown reports 40097 and checks spans per report', async () => {
    const day = (offset: number) => new Date(f.now() + 8 * 3_600_000 - offset * 86_400_000).toISOString().slice(0, 10);
    expect((await f.wx.post('/datacube/getnothing', { begin_date: day(1), end_date: day(1) }, q())).errcode).toBe(40097);
    expect((await f.wx.post('/datacube/getuserread', { begin_date: day(4), end_date: day(1) }, q())).errcode).toBe(61501);
    expect(((await f.wx.post('/datacube/getuserread', { begin_date: day(3), end_date: day(1) }, q()))['list'] as unknown[]).length).toBe(3);
  });
});
