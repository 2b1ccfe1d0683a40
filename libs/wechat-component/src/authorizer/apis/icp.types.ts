import type { UploadFile } from '../../http/multipart.js';

/** Requests and answers of {@link IcpApi} (小程序备案). */

/** `create_icp_verifytask`: the administrator's face verification task (备案人脸核身). */
export interface IcpVerifyTask {
  readonly task_id: string;
  /** The verification page, when created `alongWithAuth` (verification and filing together). */
  readonly verify_url?: string;
}

/** `query_icp_verifytask`. */
export interface IcpVerifyTaskState {
  readonly is_finish: boolean;
  /** 0 not started, 1 waiting, 2 failed, 3 passed; final once `is_finish`. */
  readonly face_status: number;
  /** 9 when the SMS check of a verification-and-filing task passed. */
  readonly along_with_auth_result?: number;
}

/** A material to upload (`upload_icp_media`): a picture (jpg/jpeg/png/bmp, ≤ 5 MB) or a video (mp4, ≤ 100 MB). */
export interface IcpMediaUpload {
  readonly type: 'image' | 'video';
  /** The certificate type (`icpCatalog.getCertificateTypes`), when the picture is of a certificate. */
  readonly certificateType?: number;
  /** Where it goes in the filing, e.g. `icp_subject.principal_info.certificate_photo_front`. */
  readonly icpOrderField: string;
  readonly media: UploadFile;
}

/** `upload_icp_media`. */
export interface IcpMedia {
  readonly type: 'image' | 'video';
  readonly media_id: string;
  readonly created_at: number;
}

/**
 * An ICP filing (`apply_icp_filing`), as WeChat documents it: the principal (`icp_subject`: base_info,
 * organize_info, principal_info, legal_person_info …), the mini program (`icp_applets`: base_info, principal_info
 * with the `verify_task_id` of a passed face verification) and other materials (`icp_materials`). Media fields take
 * media ids of {@link IcpApi.uploadMedia}.
 */
export interface IcpFiling {
  readonly icp_subject: Readonly<Record<string, unknown>>;
  readonly icp_applets: Readonly<Record<string, unknown>> & { readonly principal_info?: Readonly<Record<string, unknown>> };
  readonly icp_materials?: Readonly<Record<string, unknown>>;
}

/** A refused field of a filing (`details.hints` of the 86202 error, `hints` of `query_auth_and_icp`). */
export interface IcpHint {
  readonly errcode: number;
  readonly errmsg: string;
  readonly err_field: string;
}

/** A reason a filing was rejected. */
export interface IcpAuditData {
  readonly key_name: string;
  readonly error: string;
  readonly suggest: string;
}

/**
 * The filing state (备案状态): 2 platform review, 3 rejected by the platform, 4 with the authority (管局), 5 rejected
 * by the authority, 6 filed, 1024 not filed, 1025–1027 not filed and the mini program's info, categories or name
 * are incomplete.
 */
export type IcpStatus = number;

/** `get_icp_entrance_info`. */
export interface IcpEntranceInfo {
  readonly info: {
    readonly status: IcpStatus;
    readonly is_canceling: boolean;
    readonly audit_data?: readonly IcpAuditData[];
    /** 1 when filing is open to this mini program. */
    readonly available: number;
    /** While with the authority: 1 waiting for the SMS check, 2 done, 3 timed out. */
    readonly sms_verify_status?: number;
  };
}

/** `get_online_icp_order`: the filing in effect. */
export interface OnlineIcpOrder {
  readonly icp_subject: Readonly<Record<string, unknown>>;
  readonly icp_applets: Readonly<Record<string, unknown>>;
}

/** `cancel_icp_filing`: 1 the principal, 2 the mini program, 3 the WeChat mini program's filing. */
export type IcpCancelType = 1 | 2 | 3;
