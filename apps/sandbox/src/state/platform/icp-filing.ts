import { errmsgFor, WeChatError } from '../../common/errors.js';
import { randomHex, randomUrlSafe } from '../../common/ids.js';

/** A face verification task of the administrator (备案人脸核身): 1 waiting, 2 failed, 3 passed. */
export interface IcpVerifyTask {
  readonly taskId: string;
  readonly alongWithAuth: boolean;
  faceStatus: 1 | 2 | 3;
  finished: boolean;
  readonly expiresAt: number;
}

/** A refused field of a filing, as WeChat lists them in `hints`. */
export interface IcpHint {
  readonly errcode: number;
  readonly errmsg: string;
  readonly err_field: string;
}

/** A reason a filing was rejected (`audit_data`). */
export interface IcpAuditData {
  readonly key_name: string;
  readonly error: string;
  readonly suggest: string;
}

/** The ICP filing error with its `hints` (86202), rendered with the hints beside errcode and errmsg. */
export class IcpFilingRefused extends WeChatError {
  constructor(readonly hints: readonly IcpHint[]) {
    super(86202, errmsgFor(86202), { hints });
  }
}

/** Filing states: 2 platform review, 3 platform rejected, 4 authority (管局), 5 authority rejected, 6 filed, 1024 none. */
export type IcpStatus = 2 | 3 | 4 | 5 | 6 | 1024;

const DAY_MS = 86_400_000;

/**
 * The ICP filing of one mini program (小程序备案): face verification tasks, uploaded materials, the application and
 * its review: platform (2) → authority (4) → filed (6), or rejected at either stage (3, 5) with `audit_data`.
 */
export class IcpFiling {
  status: IcpStatus = 1024;
  smsVerifyStatus = 0;
  auditData: IcpAuditData[] = [];
  filing?: { icp_subject: Record<string, unknown>; icp_applets: Record<string, unknown> };
  private readonly tasks = new Map<string, IcpVerifyTask>();
  private readonly media = new Map<string, { type: 'image' | 'video'; fileId: string; createdAt: number }>();

  constructor(private readonly clock: () => number) {}

  /** `create_icp_verifytask`: 3 days, 1 day along with verification. */
  createVerifyTask(alongWithAuth: boolean): IcpVerifyTask {
    const task: IcpVerifyTask = {
      taskId: randomHex(32),
      alongWithAuth,
      faceStatus: 1,
      finished: false,
      expiresAt: this.clock() + (alongWithAuth ? 1 : 3) * DAY_MS,
    };
    this.tasks.set(task.taskId, task);
    return task;
  }

  /** @throws WeChatError 40097 unknown task. */
  verifyTask(taskId: unknown): IcpVerifyTask {
    const task = typeof taskId === 'string' ? this.tasks.get(taskId) : undefined;
    if (!task) throw new WeChatError(40097);
    return task;
  }

  /** The newest unfinished task, if any (the administrator acts on the latest notice). */
  pendingVerifyTask(): IcpVerifyTask | undefined {
    return [...this.tasks.values()].reverse().find((task) => !task.finished);
  }

  /** The administrator finishes the face verification. */
  finishVerifyTask(task: IcpVerifyTask, passed: boolean): void {
    task.faceStatus = passed ? 3 : 2;
    task.finished = true;
  }

  /** Records an uploaded material (stored in the file store as `fileId`). */
  addMedia(type: 'image' | 'video', fileId: string): { type: 'image' | 'video'; media_id: string; created_at: number } {
    const mediaId = randomUrlSafe(76);
    const createdAt = Math.floor(this.clock() / 1000);
    this.media.set(mediaId, { type, fileId, createdAt });
    return { type, media_id: mediaId, created_at: createdAt };
  }

  /** The file id of an uploaded material. @throws WeChatError 40007 unknown. */
  mediaFile(mediaId: unknown): string {
    const entry = typeof mediaId === 'string' ? this.media.get(mediaId) : undefined;
    if (!entry) throw new WeChatError(40007);
    return entry.fileId;
  }

  /**
   * `apply_icp_filing`: the principal and the mini program (with `principal_info.verify_task_id` of a passed,
   * unexpired face verification of this mini program); refused fields come back as 86202 with `hints`. Only when
   * not filed and not in review.
   */
  apply(body: Record<string, unknown>): void {
    if (this.status === 2 || this.status === 4 || this.status === 6) throw new IcpFilingRefused([hint('', '该小程序备案审核中或已备案，不可重复申请')]);
    const { subject, applets } = this.checked(body);
    this.filing = { icp_subject: subject, icp_applets: applets };
    this.status = 2;
    this.auditData = [];
  }

  /** The fields of a filing, checked; @throws IcpFilingRefused naming the refused ones. */
  checked(body: Record<string, unknown>): { subject: Record<string, unknown>; applets: Record<string, unknown> } {
    const hints: IcpHint[] = [];
    const subject = objectField(body, 'icp_subject');
    const applets = objectField(body, 'icp_applets');
    if (!subject || !objectField(subject, 'base_info')) hints.push(hint('icp_subject.base_info', '主体基本信息不能为空'));
    if (!subject || !objectField(subject, 'principal_info')) hints.push(hint('icp_subject.principal_info', '主体负责人信息不能为空'));
    if (!applets || !objectField(applets, 'base_info')) hints.push(hint('icp_applets.base_info', '小程序基本信息不能为空'));
    const taskId = applets && objectField(applets, 'principal_info')?.['verify_task_id'];
    const task = typeof taskId === 'string' ? this.tasks.get(taskId) : undefined;
    if (!task || task.faceStatus !== 3 || task.expiresAt <= this.clock()) {
      hints.push(hint('icp_applets.principal_info.verify_task_id', '人脸核身任务不存在、未通过或已过期'));
    }
    if (hints.length > 0) throw new IcpFilingRefused(hints);
    return { subject: subject!, applets: applets! };
  }

  /** A reviewer's decision at the current stage: 2 → 4 → 6, or 3 / 5 when rejected. Undefined when nothing is in review. */
  review(approve: boolean, reason: string): IcpStatus | undefined {
    if (this.status !== 2 && this.status !== 4) return undefined;
    if (!approve) {
      this.auditData = [{ key_name: this.status === 2 ? '小程序负责人证件' : '主体信息', error: reason, suggest: '请核对后重新提交' }];
      this.status = this.status === 2 ? 3 : 5;
    } else {
      this.status = this.status === 2 ? 4 : 6;
      this.smsVerifyStatus = this.status === 4 ? 1 : 2;
    }
    return this.status;
  }

  /** `cancel_apply_icp_filing`: only while the platform reviews it (40097 otherwise). */
  cancelApply(): void {
    if (this.status !== 2) throw new WeChatError(40097);
    this.status = 1024;
    delete this.filing;
  }

  /** `cancel_icp_filing`: only a filing in effect (40097 otherwise); 1–3. */
  cancelFiling(cancelType: unknown): void {
    if (cancelType !== 1 && cancelType !== 2 && cancelType !== 3) throw new WeChatError(40097);
    if (this.status !== 6) throw new WeChatError(40097);
    this.status = 1024;
    delete this.filing;
  }

  /** `get_icp_entrance_info`'s `info`. */
  entranceInfo(): Record<string, unknown> {
    return {
      status: this.status,
      is_canceling: false,
      available: 1,
      ...(this.status === 3 || this.status === 5 ? { audit_data: this.auditData } : {}),
      ...(this.status === 4 ? { sms_verify_status: this.smsVerifyStatus } : {}),
    };
  }
}

function hint(field: string, errmsg: string): IcpHint {
  return { errcode: 86328, errmsg, err_field: field };
}

function objectField(source: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = source[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** WeChat's lookup tables for a filing (a part of each). */
export const ICP_CATALOG = {
  '/wxa/icp/query_icp_subject_types': [
    { type: 1, name: '企业', remark: '' },
    { type: 5, name: '个人', remark: '' },
    { type: 2, name: '政府机关', remark: '' },
  ],
  '/wxa/icp/query_icp_certificate_types': [
    { type: 1, subject_type: 5, name: '居民身份证', remark: '' },
    { type: 2, subject_type: 1, name: '营业执照（个人或企业）', remark: '' },
  ],
  '/wxa/icp/query_icp_district_code': [
    { type: 1, code: 440000, name: '广东省', sub_list: [{ type: 2, code: 440300, name: '深圳市', sub_list: [{ type: 3, code: 440305, name: '南山区' }] }] },
  ],
  '/wxa/icp/query_icp_service_content_types': [
    { type: 1, parent_type: 0, name: '生活服务', remark: '' },
    { type: 11, parent_type: 1, name: '餐饮', remark: '' },
  ],
  '/wxa/icp/query_icp_nrlx_types': [
    { type: 1, name: '新闻' },
    { type: 2, name: '出版' },
  ],
} as const;
