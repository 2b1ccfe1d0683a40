import { getAction, getFor, postAction, postRead, type ApiRequester } from '../../apis/common.js';
import type { GrayReleasePlan, HistoryVersion } from './wxa.types.js';

/**
 * Releases of a mini program (发布, permission set 18): release the approved version, roll back, phased release,
 * suspend and resume serving. Reached as `client.wxa.release`; the sandbox's `wxa-release.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class WxaReleaseApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/release` (body `{}`): releases the last approved version. Errors: 85019 never approved, 85020 the
   * latest audit is not approved (or already released).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/release.html
   */
  release(): Promise<void> {
    return postAction(this.requester, '/wxa/release', {});
  }

  /**
   * `GET wxa/revertcoderelease`: back to the previous (or the given) released version (a GET that acts: sent once,
   * since twice could revert two versions).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/revertCodeRelease.html
   */
  revertCodeRelease(appVersion?: number): Promise<void> {
    return getAction(this.requester, '/wxa/revertcoderelease', appVersion === undefined ? {} : { app_version: appVersion });
  }

  /**
   * `GET wxa/revertcoderelease?action=get_history_version`: versions one can revert to.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/revertCodeRelease.html
   */
  async getHistoryVersion(): Promise<HistoryVersion[]> {
    return (await getFor<{ version_list: HistoryVersion[] }>(this.requester, '/wxa/revertcoderelease', { action: 'get_history_version' })).version_list;
  }

  /**
   * `POST wxa/grayrelease`: releases the approved version to `percentage` % of users (分阶段发布).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/grayRelease.html
   */
  grayRelease(percentage: number, options: { supportDebugerFirst?: boolean; supportExperiencerFirst?: boolean } = {}): Promise<void> {
    return postAction(this.requester, '/wxa/grayrelease', {
      gray_percentage: percentage,
      ...(options.supportDebugerFirst === undefined ? {} : { support_debuger_first: options.supportDebugerFirst }),
      ...(options.supportExperiencerFirst === undefined ? {} : { support_experiencer_first: options.supportExperiencerFirst }),
    });
  }

  /**
   * `GET wxa/getgrayreleaseplan`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getGrayReleasePlan.html
   */
  async getGrayReleasePlan(): Promise<GrayReleasePlan> {
    return (await getFor<{ gray_release_plan: GrayReleasePlan }>(this.requester, '/wxa/getgrayreleaseplan')).gray_release_plan;
  }

  /**
   * `GET wxa/revertgrayrelease`: cancels the phased release (a GET that acts: sent once).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/revertGrayRelease.html
   */
  revertGrayRelease(): Promise<void> {
    return getAction(this.requester, '/wxa/revertgrayrelease');
  }

  /**
   * `POST wxa/change_visitstatus`: suspends (`close`) or resumes (`open`) the released version.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/setVisitStatus.html
   */
  changeVisitStatus(close: boolean): Promise<void> {
    return postAction(this.requester, '/wxa/change_visitstatus', { action: close ? 'close' : 'open' });
  }

  /**
   * `POST wxa/getvisitstatus` (body `{}`): 0 suspended, 1 serving.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getVisitStatus.html
   */
  async getVisitStatus(): Promise<number> {
    return (await postRead<{ status: number }>(this.requester, '/wxa/getvisitstatus', {})).status;
  }
}
