import type { UploadFile } from '../../http/multipart.js';
import type { IcpAuditData, IcpFiling, IcpHint } from './icp.types.js';

/** Requests and answers of {@link VerificationApi} (小程序认证 / 年审, and 认证及备案 together). */

/**
 * The verification application (`auth_data` of `wxa/sec/wxaauth`), as WeChat documents it: `customer_type`,
 * `contact_info`, `invoice_info`, `qualification` (a media id of {@link VerificationApi.uploadAuthMaterial}),
 * `account_name`, `pay_type`, `third_party_phone`, `service_appid` …
 */
export type VerificationData = Readonly<Record<string, unknown>>;

/** `wxa/sec/wxaauth`. */
export interface VerificationTask {
  readonly taskid: string;
  /** The page where the administrator confirms and pays. */
  readonly auth_url: string;
}

/**
 * `wxa/sec/queryauth`. `task_status`: 0 created, 1 timed out, 2 refused, 3 accepted, 4–9 face and phone checks,
 * 11/12 review order failed/created, 14 verification failed, 15 waiting for payment. `apply_status` (once the order
 * exists): 1 to pay, 2 in review, 3 sent back to fix, 4 verified, 5 failed for good.
 */
export interface VerificationState {
  readonly appid: string;
  readonly task_status: number;
  readonly auth_url: string;
  readonly apply_status?: number;
  readonly orderid?: string;
  readonly refill_reason?: string;
  readonly fail_reason?: string;
  readonly dispatch_info?: { readonly provider: string; readonly contact: string; readonly dispatch_time: number };
}

/** `wxa/sec/uploadauthmaterial`. */
export interface AuthMaterial {
  readonly mediaid: string;
}

/** `wxa/sec/authidentitytree`: the identities a verification can claim (for `auth_identification`). */
export interface AuthIdentityTree {
  readonly identity_tree_list: readonly Readonly<Record<string, unknown>>[];
}

/** `wxa/sec/submit_auth_and_icp`: verification and ICP filing in one procedure. */
export interface AuthAndIcpSubmission extends IcpFiling {
  readonly auth_data: VerificationData;
}

/** The answer to a submission: the procedure and, to pay the verification fee, its page. */
export interface AuthAndIcpProcedure {
  readonly procedure_id: string;
  readonly pay_url?: string;
}

/**
 * `wxa/sec/query_auth_and_icp`. `procedure_status`: 15 waiting for payment, 16 paid, 17 verification in review, 18
 * sent back, 19 verified, 20 failed for good, 21 filing order failed, 22 filing in platform review, 23 rejected by the
 * platform, 24 with the authority, 25 rejected by the authority, 26 verified and filed.
 */
export interface AuthAndIcpState {
  readonly procedure_status: number;
  readonly orderid?: number;
  readonly refill_reason?: string;
  readonly fail_reason?: string;
  readonly icp_audit?: { readonly hints?: readonly IcpHint[]; readonly audit_data?: readonly IcpAuditData[]; readonly sms_verify_status?: number };
}

/** A material to upload for a verification (jpg/png/bmp, ≤ 2 MB). */
export type AuthMaterialUpload = UploadFile;
