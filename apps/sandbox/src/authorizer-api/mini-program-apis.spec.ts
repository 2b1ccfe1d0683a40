import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../testing/fixture.js';

// The mini-program groups and the code-template library over raw HTTP.
let f: Fixture;
let token: string;
let appId: string;
let templateId: number;
beforeAll(async () => {
  f = await startFixture({ auditSeconds: 1 });
  appId = (await f.sandbox.client.createAccount({ type: 'mini_program' })).appId;
  token = (await f.authorize(appId)).accessToken;
  const componentToken = await f.componentToken();
  await f.wx.post('/wxa/addtotemplate', { draft_id: 0 }, { access_token: componentToken });
  const list = await f.wx.get('/wxa/gettemplatelist', { component_access_token: componentToken });
  templateId = (list['template_list'] as Array<{ template_id: number }>)[0]!.template_id;
});
afterAll(() => f.stop());

const q = () => ({ access_token: token });

describe('code-template library', () => {
  it('takes the component token only, under either name', async () => {
    expect((await f.wx.get('/wxa/gettemplatedraftlist', q())).errcode).toBe(48001);
    expect(await f.wx.get('/wxa/gettemplatedraftlist', { component_access_token: await f.componentToken() })).toMatchObject({ errcode: 0, draft_list: [expect.objectContaining({ draft_id: 0 })] });
  });

  it('keeps one draft per developer mini program: a new upload replaces it', async () => {
    await f.sandbox.client.uploadCodeDraft({ sourceAppId: 'wx00000000000dev77', userVersion: '1' });
    const { draftId } = await f.sandbox.client.uploadCodeDraft({ sourceAppId: 'wx00000000000dev77', userVersion: '2' });
    const drafts = (await f.wx.get('/wxa/gettemplatedraftlist', { access_token: await f.componentToken() }))['draft_list'] as Array<{ draft_id: number; user_version: string; source_miniprogram_appid: string }>;
    expect(drafts.filter((d) => d.source_miniprogram_appid === 'wx00000000000dev77')).toEqual([expect.objectContaining({ draft_id: draftId, user_version: '2' })]);
  });
});

describe('audits', () => {
  it('approve themselves after auditSeconds, and the result is pushed to the message URL', async () => {
    expect(await f.wx.post('/wxa/commit', { template_id: templateId, ext_json: '{}', user_version: '1.0', user_desc: 'd' }, q())).toEqual({ errcode: 0, errmsg: 'ok' });
    const submitted = await f.wx.post('/wxa/submit_audit', {}, q());
    expect(submitted).toEqual({ errcode: 0, errmsg: 'ok', auditid: expect.any(Number) });
    expect((await f.wx.post('/wxa/get_auditstatus', { auditid: submitted['auditid'] }, q()))['status']).toBe(2);
    const deadline = Date.now() + 5000;
    while ((await f.wx.post('/wxa/get_auditstatus', { auditid: submitted['auditid'] }, q()))['status'] !== 0) {
      if (Date.now() > deadline) throw new Error('audit not approved in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const push = (await f.sandbox.client.pushes({ kind: 'message', appId })).find((p) => p.type === 'event:weapp_audit_success');
    expect(push?.fields).toMatchObject({ MsgType: 'event', Event: 'weapp_audit_success', SuccTime: expect.any(Number) });
    expect(await f.wx.post('/wxa/get_auditstatus', { auditid: 1 }, q())).toMatchObject({ errcode: 85012 });
  });

  it('release and getvisitstatus need a body, even an empty JSON one (44002)', async () => {
    const bare = await fetch(f.wx.url('/wxa/release', q()), { method: 'POST' });
    expect(((await bare.json()) as { errcode: number }).errcode).toBe(44002);
    expect(await f.wx.post('/wxa/release', {}, q())).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await f.wx.post('/wxa/getvisitstatus', {}, q())).toEqual({ errcode: 0, errmsg: 'ok', status: 1 });
  });

  it('get_latest_auditstatus answers 85058 before any submission; undo is limited to 5 a day', async () => {
    const other = (await f.sandbox.client.createAccount({ type: 'mini_program' })).appId;
    const otherToken = (await f.authorize(other)).accessToken;
    expect((await f.wx.get('/wxa/get_latest_auditstatus', { access_token: otherToken })).errcode).toBe(85058);
    await f.wx.post('/wxa/commit', { template_id: templateId, ext_json: '', user_version: '1', user_desc: '' }, { access_token: otherToken });
    await f.sandbox.client.updateSettings({ auditSeconds: 0 });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      await f.wx.post('/wxa/submit_audit', {}, { access_token: otherToken });
      codes.push((await f.wx.get('/wxa/undocodeaudit', { access_token: otherToken })).errcode ?? 0);
    }
    expect(codes).toEqual([0, 0, 0, 0, 0, 87013]);
  });
});

describe('mini-program codes', () => {
  it('are JPEG files with WeChat’s headers', async () => {
    const response = await fetch(f.wx.url('/wxa/getwxacode', q()), { method: 'POST', body: JSON.stringify({ path: 'pages/index/index' }) });
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
  });
});
