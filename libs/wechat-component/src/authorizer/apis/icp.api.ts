import { getFor, postAction, postFor, postRead, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type { WeChatFile } from '../../http/wechat-file.js';
import type { IcpCancelType, IcpEntranceInfo, IcpFiling, IcpMedia, IcpMediaUpload, IcpVerifyTask, IcpVerifyTaskState, OnlineIcpOrder } from './icp.types.js';

/**
 * ICP filing of a mini program (小程序备案, permission sets 18 or 156): the administrator's face verification, the
 * materials, the application and its state. WeChat pushes to the authorization event URL: the face verification as
 * `notify_icpfiling_verify_result`, each review outcome as `notify_apply_icpfiling_result`
 * (`@OnComponentEvent(...)`). A refused application is error 86202 whose `details.hints` name the fields
 * (`IcpHint[]`). The lookup tables are `icpCatalog`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class IcpApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/icp/create_icp_verifytask`: sends the administrator a face-verification notice (valid 24 h; the task 3
   * days, 1 day `alongWithAuth`).
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/record/api_createicpverifytask.html
   */
  createVerifyTask(alongWithAuth = false): Promise<Unwrapped<IcpVerifyTask>> {
    return postFor(this.requester, '/wxa/icp/create_icp_verifytask', alongWithAuth ? { along_with_auth: true } : {});
  }

  /**
   * `POST wxa/icp/query_icp_verifytask`: the state of a face verification.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/queryIcpVerifyTask.html
   */
  queryVerifyTask(taskId: string): Promise<Unwrapped<IcpVerifyTaskState>> {
    return postRead(this.requester, '/wxa/icp/query_icp_verifytask', { task_id: taskId });
  }

  /**
   * `POST wxa/icp/upload_icp_media` (multipart): uploads a filing material; its `media_id` goes into the filing.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/uploadIcpMedia.html
   */
  async uploadMedia(upload: IcpMediaUpload): Promise<Unwrapped<IcpMedia>> {
    const answer = await this.requester.request<IcpMedia & { errcode?: number; errmsg?: string }>({
      method: 'POST',
      path: '/wxa/icp/upload_icp_media',
      multipart: [
        { name: 'type', value: upload.type },
        ...(upload.certificateType === undefined ? [] : [{ name: 'certificate_type', value: String(upload.certificateType) }]),
        { name: 'icp_order_field', value: upload.icpOrderField },
        { name: 'media', file: upload.media },
      ],
    });
    const { errcode: _errcode, errmsg: _errmsg, ...media } = answer;
    return media;
  }

  /**
   * `POST wxa/icp/apply_icp_filing`: applies for the filing. Errors: 86202 refused — `details.hints` name the fields.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/record/api_applyicpfiling
   */
  apply(filing: IcpFiling): Promise<void> {
    return postAction(this.requester, '/wxa/icp/apply_icp_filing', { icp_materials: {}, ...filing });
  }

  /**
   * `POST wxa/icp/cancel_apply_icp_filing`: withdraws an application under review.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/cancelApplyIcpFiling.html
   */
  cancelApply(): Promise<void> {
    return postAction(this.requester, '/wxa/icp/cancel_apply_icp_filing', {});
  }

  /**
   * `POST wxa/icp/cancel_icp_filing`: cancels a filing in effect.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/cancelIcpfiling.html
   */
  cancelFiling(cancelType: IcpCancelType): Promise<void> {
    return postAction(this.requester, '/wxa/icp/cancel_icp_filing', { cancel_type: cancelType });
  }

  /**
   * `GET wxa/icp/get_icp_entrance_info`: the filing state and, when rejected, why.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/record/api_geticpentranceinfo
   */
  getEntranceInfo(): Promise<Unwrapped<IcpEntranceInfo>> {
    return getFor(this.requester, '/wxa/icp/get_icp_entrance_info');
  }

  /**
   * `GET wxa/icp/get_online_icp_order`: the filing in effect.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/getOnlineIcpOrder.html
   */
  getOnlineOrder(): Promise<Unwrapped<OnlineIcpOrder>> {
    return getFor(this.requester, '/wxa/icp/get_online_icp_order');
  }

  /**
   * `GET wxa/icp/get_icp_media`: an uploaded material, as a file.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/getIcpMedia.html
   */
  getMedia(mediaId: string): Promise<WeChatFile> {
    return this.requester.request({ method: 'GET', path: '/wxa/icp/get_icp_media', query: { media_id: mediaId }, responseType: 'file' });
  }
}
