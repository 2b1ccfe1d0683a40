import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isComponentEventType, WeChatApiError, type AuthorizerClient, type IcpFiling, type IcpHint } from 'nestjs-wechat-component';
import { errcodeOf, startApiWorld, type ApiWorld } from './support/api-platform.js';
import { authorizedAccount } from './support/platform-apis.js';

// ICP filing (备案) submitted and approved through the pushes, and verification (认证) with its combined flow.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function filingWith(verifyTaskId: string, certificatePhoto: string): IcpFiling {
  return {
    icp_subject: {
      base_info: { type: 1, name: '沙盒科技有限公司', province: 440000, city: 440300, district: 440305, address: '南山区科技园' },
      principal_info: { name: '张三', mobile: '13800000000', certificate_type: 2, certificate_photo_front: certificatePhoto },
    },
    icp_applets: {
      base_info: { service_content_types: [11], comment: '点餐' },
      principal_info: { name: '张三', mobile: '13800000000', verify_task_id: verifyTaskId },
    },
  };
}

describe('ICP filing and verification', () => {
  let world: ApiWorld;
  let mp: AuthorizerClient;

  beforeAll(async () => {
    world = await startApiWorld();
    mp = await authorizedAccount(world, { type: 'mini_program', principalName: '沙盒科技有限公司' });
  });
  afterAll(() => world.stop());

  it('a filing submitted and approved by push: face verification → materials → application → platform and authority approve', async () => {
    expect(await mp.icp.getEntranceInfo()).toEqual({ info: { status: 1024, is_canceling: false, available: 1 } });
    expect(await mp.icpCatalog.getSubjectTypes()).toContainEqual(expect.objectContaining({ type: 1, name: '企业' }));
    expect((await mp.icpCatalog.getDistricts())[0]).toMatchObject({ code: 440000, sub_list: [expect.objectContaining({ code: 440300 })] });
    expect(await mp.icpCatalog.getCertificateTypes()).not.toHaveLength(0);
    expect(await mp.icpCatalog.getServiceContentTypes()).not.toHaveLength(0);
    expect(await mp.icpCatalog.getNrlxTypes()).not.toHaveLength(0);

    const { task_id: taskId } = await mp.icp.createVerifyTask();
    expect(await mp.icp.queryVerifyTask(taskId)).toEqual({ is_finish: false, face_status: 1 });
    const media = await mp.icp.uploadMedia({ type: 'image', certificateType: 2, icpOrderField: 'icp_subject.principal_info.certificate_photo_front', media: { filename: 'licence.png', content: PNG } });
    expect(media).toMatchObject({ type: 'image', media_id: expect.any(String) });
    expect(await errcodeOf(mp.icp.uploadMedia({ type: 'image', icpOrderField: 'x', media: { filename: 'licence.gif', content: PNG } }))).toBe(40005);
    expect(await (await mp.icp.getMedia(media.media_id)).toBuffer()).toEqual(PNG);

    // Before the administrator passed the face verification the application is refused, naming the field.
    const refused = await mp.icp.apply(filingWith(taskId, media.media_id)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WeChatApiError);
    expect((refused as WeChatApiError).errcode).toBe(86202);
    expect((refused as WeChatApiError).details['hints'] as IcpHint[]).toEqual([expect.objectContaining({ err_field: 'icp_applets.principal_info.verify_task_id' })]);

    const verified = await world.sandbox.client.finishIcpVerification(mp.appId);
    expect(verified).toMatchObject({ status: 3, push: { ok: true } });
    const verifyEvent = await world.platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_icpfiling_verify_result'));
    expect(verifyEvent).toMatchObject({ taskId, authorizerAppId: mp.appId, result: 3 });
    expect(await mp.icp.queryVerifyTask(taskId)).toEqual({ is_finish: true, face_status: 3 });

    await mp.icp.apply(filingWith(taskId, media.media_id));
    expect((await mp.icp.getEntranceInfo()).info.status).toBe(2);
    expect(await errcodeOf(mp.icp.apply(filingWith(taskId, media.media_id)))).toBe(86202);

    // The platform approves: with the authority (4), pushed; the authority approves: filed (6), pushed.
    expect(await world.sandbox.client.reviewIcpFiling(mp.appId, { decision: 'approve' })).toMatchObject({ status: 4, push: { ok: true } });
    await world.platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_apply_icpfiling_result') && e.beianStatus === 4);
    expect((await mp.icp.getEntranceInfo()).info).toMatchObject({ status: 4, sms_verify_status: 1 });
    expect(await errcodeOf(mp.icp.getOnlineOrder())).toBe(40097);
    await world.sandbox.client.reviewIcpFiling(mp.appId, { decision: 'approve' });
    const filed = await world.platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_apply_icpfiling_result') && e.beianStatus === 6);
    expect(filed).toMatchObject({ authorizerAppId: mp.appId });
    expect((await mp.icp.getOnlineOrder()).icp_subject).toMatchObject({ base_info: { name: '沙盒科技有限公司' } });

    await mp.icp.cancelFiling(2);
    expect((await mp.icp.getEntranceInfo()).info.status).toBe(1024);
    expect(await errcodeOf(mp.icp.cancelFiling(2))).toBe(40097);
  });

  it('a rejected filing carries its reasons; a filing under review can be withdrawn', async () => {
    const other = await authorizedAccount(world, { type: 'mini_program', principalName: '沙盒餐饮有限公司' });
    const { task_id: taskId } = await other.icp.createVerifyTask();
    await world.sandbox.client.finishIcpVerification(other.appId, { taskId });
    await other.icp.apply(filingWith(taskId, 'media'));
    await world.sandbox.client.reviewIcpFiling(other.appId, { decision: 'reject', reason: '证件照片不清晰' });
    await world.platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_apply_icpfiling_result') && e.authorizerAppId === other.appId && e.beianStatus === 3);
    expect((await other.icp.getEntranceInfo()).info).toMatchObject({ status: 3, audit_data: [expect.objectContaining({ error: '证件照片不清晰' })] });

    await other.icp.apply(filingWith(taskId, 'media'));
    await other.icp.cancelApply();
    expect((await other.icp.getEntranceInfo()).info.status).toBe(1024);
    expect(await errcodeOf(other.icp.cancelApply())).toBe(40097);
  });

  it('verification: submitted, moved by the reviewers (notify_3rd_wxa_auth), sent back and resubmitted, verified', async () => {
    const mediaId = await mp.verification.uploadAuthMaterial({ filename: 'licence.png', content: PNG });
    expect(mediaId).toEqual(expect.any(String));
    expect((await mp.verification.getIdentityTree()).identity_tree_list).not.toHaveLength(0);
    expect(await errcodeOf(mp.verification.submit({ qualification: mediaId }))).toBe(89253);
    const authData = { customer_type: 1, contact_info: { name: '张三', email: 'a@example.com' }, qualification: mediaId, pay_type: 1 };
    const task = await mp.verification.submit(authData);
    expect(task).toEqual({ taskid: expect.any(String), auth_url: expect.stringContaining(task.taskid) });
    expect(await errcodeOf(mp.verification.submit(authData))).toBe(89249);
    expect(await mp.verification.query(task.taskid)).toMatchObject({ appid: mp.appId, task_status: 0 });

    await world.sandbox.client.moveVerification(mp.appId, { taskStatus: 12, applyStatus: 3, reason: '请补充联系人信息' });
    const sentBack = await world.platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_3rd_wxa_auth') && e.applyStatus === 3);
    expect(sentBack).toMatchObject({ taskId: task.taskid, taskStatus: 12, authorizerAppId: mp.appId, message: '请补充联系人信息' });
    expect(await mp.verification.query(task.taskid)).toMatchObject({ apply_status: 3, refill_reason: '请补充联系人信息' });
    await mp.verification.resubmit(task.taskid, authData);
    expect(await errcodeOf(mp.verification.resubmit(task.taskid, authData))).toBe(89250);

    await world.sandbox.client.moveVerification(mp.appId, { applyStatus: 4 });
    await world.platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_3rd_wxa_auth') && e.applyStatus === 4);
    expect((await mp.basicInfo.getAccountBasicInfo()).wx_verify_info).toMatchObject({ qualification_verify: true });
    expect(await errcodeOf(mp.verification.query('f'.repeat(32)))).toBe(89250);
  });

  it('verification and filing together: the procedure moves and is pushed until verified and filed', async () => {
    const both = await authorizedAccount(world, { type: 'mini_program', principalName: '沙盒书店有限公司' });
    const { task_id: taskId, verify_url: verifyUrl } = await both.icp.createVerifyTask(true);
    expect(verifyUrl).toEqual(expect.stringContaining(taskId));
    await world.sandbox.client.finishIcpVerification(both.appId);
    expect(await both.icp.queryVerifyTask(taskId)).toMatchObject({ face_status: 3, along_with_auth_result: 9 });
    const authData = { customer_type: 1, contact_info: { name: '李四' } };
    expect(await errcodeOf(both.verification.submitAuthAndIcp({ auth_data: {}, ...filingWith(taskId, 'm') }))).toBe(89253);
    const { procedure_id: procedureId } = await both.verification.submitAuthAndIcp({ auth_data: authData, ...filingWith(taskId, 'm') });
    expect(await both.verification.queryAuthAndIcp(procedureId)).toMatchObject({ procedure_status: 15 });

    for (const status of [16, 19, 22, 24, 26]) await world.sandbox.client.moveAuthAndIcp(both.appId, { procedureStatus: status });
    const done = await world.platform.recorder.waitFor((e) => isComponentEventType(e, 'notify_3rd_wxa_auth_and_icp') && e.procedureStatus === 26);
    expect(done).toMatchObject({ procedureId, authorizerAppId: both.appId });
    expect(await both.verification.queryAuthAndIcp(procedureId)).toMatchObject({ procedure_status: 26 });
    expect((await both.icp.getEntranceInfo()).info.status).toBe(6);
  });
});
