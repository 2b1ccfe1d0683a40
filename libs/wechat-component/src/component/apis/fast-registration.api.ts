import { postFor, postRead, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type {
  BetaRegistration,
  BetaRegistrationTask,
  EnterpriseRegistration,
  PersonalRegistration,
  RegistrationTask,
  RegistrationTaskState,
} from './fast-registration.types.js';

const ENTERPRISE = '/wxa/component/fastregisterenterpriseweapp';
const PERSONAL = '/wxa/component/fastregisterpersonalweapp';

/**
 * Fast registration of mini programs (快速注册小程序), with the component token. Since 2026-04-30 WeChat takes only
 * the new flow (`new_version: true`): a task answers an `authorize_url` the platform shows the applicant (as a QR
 * code or a link); once they confirm and pass the face and phone checks within 24 hours, WeChat creates the mini
 * program, authorizes it to the platform and pushes `notify_third_fasteregister` (with an authorization code the
 * module exchanges: `events.autoQueryAuth`). The old `cgi-bin/component/fastregisterweapp` is offline and not
 * wrapped. Reusing an official account's principal is on the official account's client (`registration`).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class FastRegistrationApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/component/fastregisterenterpriseweapp?action=create` (`new_version: true`): starts registering an
   * enterprise mini program. Errors: 89249 a task of this principal runs (24 h), 89255 bad code, 89254 the platform
   * lacks a permission set, 89253 a parameter is missing.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/register-management/fast-registration-ent/api_registerminiprogram.html
   * @see https://developers.weixin.qq.com/community/develop/doc/0004829e9105005ce7d480e6561401 (the 2026 switch to the new flow)
   */
  createEnterpriseTask(input: EnterpriseRegistration): Promise<Unwrapped<RegistrationTask>> {
    return postFor(this.requester, ENTERPRISE, { name: input.name, code: input.code, component_phone: input.componentPhone, new_version: true }, { action: 'create' });
  }

  /**
   * `POST wxa/component/fastregisterenterpriseweapp?action=query`: the state of an enterprise task. Errors: 89250
   * unknown task.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/register-management/fast-registration-ent/api_registerminiprogram.html
   */
  queryEnterpriseTask(taskId: string): Promise<Unwrapped<RegistrationTaskState>> {
    return postRead(this.requester, ENTERPRISE, { taskid: taskId, new_version: true }, { action: 'query' });
  }

  /**
   * `POST wxa/component/fastregisterpersonalweapp?action=create` (`new_version: true`): starts registering a personal
   * mini program. Errors: 89249 a task runs, 86004 unknown WeChat ID, 61070 name and WeChat ID do not match.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/register-management/fast-registration-ind/api_fastregisterpersonalmp.html
   */
  createPersonalTask(input: PersonalRegistration): Promise<Unwrapped<RegistrationTask>> {
    return postFor(this.requester, PERSONAL, { idname: input.idname, wxuser: input.wxuser, component_phone: input.componentPhone, new_version: true }, { action: 'create' });
  }

  /**
   * `POST wxa/component/fastregisterpersonalweapp?action=query`: the state of a personal task (89250 unknown).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/register-management/fast-registration-ind/api_fastregisterpersonalmp.html
   */
  queryPersonalTask(taskId: string): Promise<Unwrapped<RegistrationTaskState>> {
    return postRead(this.requester, PERSONAL, { taskid: taskId, new_version: true }, { action: 'query' });
  }

  /**
   * `POST wxa/component/fastregisterbetaweapp`: creates a trial mini program (试用小程序) for a WeChat user, who
   * confirms at `authorize_url`; WeChat then pushes `notify_third_fastregisterbetaapp`. Verify and rename it with
   * its own client (`registration.verifyBetaMiniProgram`, `registration.setBetaMiniProgramName`).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/register-management/fast-registration-beta/api_fastregisterbetaweapp.html
   */
  createBetaMiniProgram(input: BetaRegistration): Promise<Unwrapped<BetaRegistrationTask>> {
    return postFor(this.requester, '/wxa/component/fastregisterbetaweapp', { name: input.name, openid: input.openid });
  }
}
