import { getFor, type ApiRequester } from '../../apis/common.js';
import type { IcpCertificateType, IcpDistrict, IcpNrlxType, IcpServiceContentType, IcpSubjectType } from './icp-catalog.types.js';

/**
 * WeChat's lookup tables for an ICP filing (`icp`): subject and certificate types, districts, service content types,
 * pre-approval item types. Each answers `{ items: [...] }`; these methods return the items.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; here also minus the `items` wrapper).
 */
export class IcpCatalogApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `GET wxa/icp/query_icp_subject_types`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/queryIcpSubjectTypes.html
   */
  getSubjectTypes(): Promise<readonly IcpSubjectType[]> {
    return this.items('/wxa/icp/query_icp_subject_types');
  }

  /**
   * `GET wxa/icp/query_icp_certificate_types`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/queryIcpCertificateTypes.html
   */
  getCertificateTypes(): Promise<readonly IcpCertificateType[]> {
    return this.items('/wxa/icp/query_icp_certificate_types');
  }

  /**
   * `GET wxa/icp/query_icp_district_code`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/queryIcpDistrictCode.html
   */
  getDistricts(): Promise<readonly IcpDistrict[]> {
    return this.items('/wxa/icp/query_icp_district_code');
  }

  /**
   * `GET wxa/icp/query_icp_service_content_types`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/queryIcpServiceContentTypes.html
   */
  getServiceContentTypes(): Promise<readonly IcpServiceContentType[]> {
    return this.items('/wxa/icp/query_icp_service_content_types');
  }

  /**
   * `GET wxa/icp/query_icp_nrlx_types`.
   * @see https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/queryIcpNrlxTypes.html
   */
  getNrlxTypes(): Promise<readonly IcpNrlxType[]> {
    return this.items('/wxa/icp/query_icp_nrlx_types');
  }

  private async items<T>(path: string): Promise<readonly T[]> {
    return (await getFor<{ items: T[] }>(this.requester, path)).items;
  }
}
