import { getFor, postFor, postRead, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type {
  AuthAndIcpProcedure,
  AuthAndIcpState,
  AuthAndIcpSubmission,
  AuthIdentityTree,
  AuthMaterial,
  AuthMaterialUpload,
  VerificationData,
  VerificationState,
  VerificationTask,
} from './verification.types.js';

/**
 * Verification (微信认证) and its annual review (年审) of a mini program on the platform's behalf (`wxa/sec/*`,
 * permission set 18), and the combined verification-and-filing procedure (认证及备案). Mini programs from the
 * enterprise fast registration start unverified. WeChat pushes progress to the authorization event URL:
 * `notify_3rd_wxa_auth` (verification), `notify_3rd_wxa_auth_and_icp` (the combined procedure) and
 * `notify_3rd_wxa_wxverify` (a verification about to expire).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class VerificationApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/sec/wxaauth`: applies for verification (or its annual review); the administrator confirms at
   * `auth_url`. Errors: 89249 a task runs, 89253 a parameter is missing.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/product/weapp_wxverify.html
   */
  submit(authData: VerificationData): Promise<Unwrapped<VerificationTask>> {
    return postFor(this.requester, '/wxa/sec/wxaauth', { auth_data: authData });
  }

  /**
   * `POST wxa/sec/queryauth`: the state of a verification task (89250 unknown task).
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/product/weapp_wxverify.html
   */
  query(taskId: string): Promise<Unwrapped<VerificationState>> {
    return postRead(this.requester, '/wxa/sec/queryauth', { taskid: taskId });
  }

  /**
   * `POST wxa/sec/reauth`: resubmits a verification sent back to be fixed (`apply_status` 3).
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/product/weapp_wxverify.html
   */
  resubmit(taskId: string, authData: VerificationData): Promise<Unwrapped<VerificationTask>> {
    return postFor(this.requester, '/wxa/sec/reauth', { taskid: taskId, auth_data: authData });
  }

  /**
   * `POST wxa/sec/uploadauthmaterial` (multipart, field `media`): uploads a verification material.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/product/weapp_wxverify.html
   */
  async uploadAuthMaterial(file: AuthMaterialUpload): Promise<string> {
    const answer = await this.requester.request<AuthMaterial>({ method: 'POST', path: '/wxa/sec/uploadauthmaterial', multipart: [{ name: 'media', file }] });
    return answer.mediaid;
  }

  /**
   * `GET wxa/sec/authidentitytree`: the identities a verification can claim.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/product/weapp_wxverify.html
   */
  getIdentityTree(): Promise<Unwrapped<AuthIdentityTree>> {
    return getFor(this.requester, '/wxa/sec/authidentitytree');
  }

  /**
   * `POST wxa/sec/submit_auth_and_icp`: verification and ICP filing in one procedure (start it with
   * `icp.createVerifyTask(true)`). Errors: 86202 the filing part was refused — `details.hints` name the fields.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/wxverifyicp/submitAuthAndIcp.html
   */
  submitAuthAndIcp(submission: AuthAndIcpSubmission): Promise<Unwrapped<AuthAndIcpProcedure>> {
    return postFor(this.requester, '/wxa/sec/submit_auth_and_icp', { icp_materials: {}, ...submission });
  }

  /**
   * `POST wxa/sec/query_auth_and_icp`: the state of a verification-and-filing procedure.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/wxverifyicp/api_queryauthandicp.html
   */
  queryAuthAndIcp(procedureId: string): Promise<Unwrapped<AuthAndIcpState>> {
    return postRead(this.requester, '/wxa/sec/query_auth_and_icp', { procedure_id: procedureId });
  }
}
