/** Answers of {@link IcpCatalogApi}: WeChat's lookup tables for ICP filings. */

/** `query_icp_subject_types` (单位性质). */
export interface IcpSubjectType {
  readonly type: number;
  readonly name: string;
  readonly remark?: string;
}

/** `query_icp_certificate_types` (证件类型). */
export interface IcpCertificateType {
  readonly type: number;
  /** The subject type it applies to. */
  readonly subject_type: number;
  readonly name: string;
  readonly remark?: string;
}

/** `query_icp_district_code` (区域信息), nested province → city → district. */
export interface IcpDistrict {
  /** 1 province, 2 city, 3 district. */
  readonly type: number;
  readonly code: number;
  readonly name: string;
  readonly sub_list?: readonly IcpDistrict[];
}

/** `query_icp_service_content_types` (服务内容类型). */
export interface IcpServiceContentType {
  readonly type: number;
  readonly parent_type: number;
  readonly name: string;
  readonly remark?: string;
}

/** `query_icp_nrlx_types` (前置审批项类型). */
export interface IcpNrlxType {
  readonly type: number;
  readonly name: string;
}
