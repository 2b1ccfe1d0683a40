import { WeChatError } from '../../common/errors.js';
import { randomHex } from '../../common/ids.js';

/** A verification (微信认证 / 年审) task; statuses as `wxa/sec/queryauth` reports them. */
export interface VerificationTask {
  readonly taskId: string;
  readonly authUrl: string;
  /** 0 created … 12 review order created, 14 failed, 15 waiting for payment. */
  taskStatus: number;
  /** Once the review order exists: 1 to pay, 2 in review, 3 sent back to fix, 4 verified, 5 failed for good. */
  applyStatus?: number;
  refillReason?: string;
  failReason?: string;
  readonly authData: Record<string, unknown>;
}

/** A verification-and-filing procedure (认证及备案), `procedure_status` 15–26. */
export interface AuthAndIcpProcedure {
  readonly procedureId: string;
  status: number;
}

/** The verification tasks and combined procedures of one mini program. */
export class Verification {
  private readonly tasks = new Map<string, VerificationTask>();
  private readonly procedures = new Map<string, AuthAndIcpProcedure>();

  /** `wxaauth`: `auth_data` with `customer_type` and `contact_info` (89253), one task at a time (89249). */
  submit(authData: unknown, authUrl: (taskId: string) => string): VerificationTask {
    if (!isObject(authData) || authData['customer_type'] === undefined || !isObject(authData['contact_info'])) throw new WeChatError(89253);
    if ([...this.tasks.values()].some((task) => isRunning(task))) throw new WeChatError(89249);
    const taskId = randomHex(32);
    const task: VerificationTask = { taskId, authUrl: authUrl(taskId), taskStatus: 0, authData };
    this.tasks.set(taskId, task);
    return task;
  }

  /** @throws WeChatError 89250 unknown task. */
  task(taskId: unknown): VerificationTask {
    const task = typeof taskId === 'string' ? this.tasks.get(taskId) : undefined;
    if (!task) throw new WeChatError(89250);
    return task;
  }

  /** The newest task still running, if any. */
  runningTask(): VerificationTask | undefined {
    return [...this.tasks.values()].reverse().find(isRunning);
  }

  /** `reauth`: only a task sent back (`apply_status` 3; 89250 otherwise). */
  resubmit(taskId: unknown, authData: unknown): VerificationTask {
    const task = this.task(taskId);
    if (task.applyStatus !== 3 || !isObject(authData)) throw new WeChatError(89250);
    task.applyStatus = 2;
    delete task.refillReason;
    return task;
  }

  /** `submit_auth_and_icp` (its filing part checked by the caller): a new procedure waiting for payment (15). */
  submitProcedure(): AuthAndIcpProcedure {
    const procedure = { procedureId: randomHex(32), status: 15 };
    this.procedures.set(procedure.procedureId, procedure);
    return procedure;
  }

  /** @throws WeChatError 89250 unknown procedure. */
  procedure(procedureId: unknown): AuthAndIcpProcedure {
    const procedure = typeof procedureId === 'string' ? this.procedures.get(procedureId) : undefined;
    if (!procedure) throw new WeChatError(89250);
    return procedure;
  }

  /** The newest procedure, if any. */
  latestProcedure(): AuthAndIcpProcedure | undefined {
    return [...this.procedures.values()].pop();
  }
}

function isRunning(task: VerificationTask): boolean {
  return task.applyStatus !== 4 && task.applyStatus !== 5 && task.taskStatus !== 1 && task.taskStatus !== 2 && task.taskStatus !== 14;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `wxa/sec/authidentitytree`: a part of WeChat's identity tree. */
export const AUTH_IDENTITY_TREE = [
  { name: '企业', node_id: 1, leaf_info: { requirement: '营业执照' } },
  { name: '个体工商户', node_id: 2, leaf_info: { requirement: '营业执照' } },
];
