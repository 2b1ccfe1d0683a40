import { WeChatError } from '../../common/errors.js';
import { randomHex, randomUrlSafe } from '../../common/ids.js';

/** Which flow a registration task belongs to. */
export type RegistrationKind = 'enterprise' | 'personal' | 'beta';

/**
 * A fast registration task. `status` as `action=query` reports it: 0 created, 1 timed out, 2 refused, 11 creation
 * failed, 12 created.
 */
export interface RegistrationTask {
  readonly taskId: string;
  readonly kind: RegistrationKind;
  /** `name` / `idname`. */
  readonly name: string;
  readonly code: string;
  readonly wxuser: string;
  readonly openid: string;
  readonly componentPhone: string;
  status: number;
  readonly createdAt: number;
  appId?: string;
}

const TASK_TTL_MS = 86_400_000;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const FORBIDDEN = ['微信', '腾讯', '小程序'];

/** The fast registration tasks of the platform, and its trial (beta) mini programs. */
export class FastRegistrations {
  private readonly tasks = new Map<string, RegistrationTask>();
  /** Trial mini programs (试用小程序) until verified. */
  readonly betaAppIds = new Set<string>();
  /** Tickets of `fastregisterauth` (an official account's administrator agreed): ticket → official account. */
  private readonly tickets = new Map<string, { appId: string; copyWxVerify: boolean; expiresAt: number }>();

  constructor(private readonly clock: () => number) {}

  /**
   * `fastregisterenterpriseweapp?action=create`: `new_version: true` (the old flow is offline; 89253 without it),
   * an 18-character credit code (89255), a phone (89253); one running task per principal (89249).
   */
  createEnterprise(body: Record<string, unknown>): RegistrationTask {
    if (body['new_version'] !== true) throw new WeChatError(89253);
    const name = text(body, 'name');
    const code = text(body, 'code');
    const componentPhone = text(body, 'component_phone');
    if (!name || !componentPhone) throw new WeChatError(89253);
    if (!CREDIT_CODE.test(code)) throw new WeChatError(89255);
    this.checkRunning((task) => task.kind === 'enterprise' && (task.name === name || task.code === code));
    return this.add({ kind: 'enterprise', name, code, wxuser: '', openid: '', componentPhone });
  }

  /** `fastregisterpersonalweapp?action=create`: `new_version: true`, `idname`, `wxuser` (86004 malformed). */
  createPersonal(body: Record<string, unknown>): RegistrationTask {
    if (body['new_version'] !== true) throw new WeChatError(89253);
    const idname = text(body, 'idname');
    const wxuser = text(body, 'wxuser');
    if (!idname || !wxuser) throw new WeChatError(89253);
    if (!/^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/.test(wxuser)) throw new WeChatError(86004);
    this.checkRunning((task) => task.kind === 'personal' && task.wxuser === wxuser);
    return this.add({ kind: 'personal', name: idname, code: '', wxuser, openid: '', componentPhone: text(body, 'component_phone') });
  }

  /** `fastregisterbetaweapp`: a name of 4–30 characters without a forbidden keyword (86011), the user's openid (89253). */
  createBeta(body: Record<string, unknown>): RegistrationTask {
    const name = text(body, 'name');
    const openid = text(body, 'openid');
    if (!openid) throw new WeChatError(89253);
    if ([...name].length < 4 || [...name].length > 30 || FORBIDDEN.some((word) => name.includes(word))) throw new WeChatError(86011);
    return this.add({ kind: 'beta', name, code: '', wxuser: '', openid, componentPhone: '' });
  }

  /** `action=query`. @throws WeChatError 89250 unknown task (or another flow's). */
  task(taskId: unknown, kind?: RegistrationKind): RegistrationTask {
    const task = typeof taskId === 'string' ? this.tasks.get(taskId) : undefined;
    if (!task || (kind !== undefined && task.kind !== kind)) throw new WeChatError(89250);
    this.expire(task);
    return task;
  }

  /** Every task, oldest first. */
  list(): RegistrationTask[] {
    return [...this.tasks.values()].map((task) => (this.expire(task), task));
  }

  /** A ticket for `fastregisterauth` (the official account's administrator agreed on the page). */
  issueTicket(appId: string, copyWxVerify: boolean): string {
    const ticket = randomHex(32);
    this.tickets.set(ticket, { appId, copyWxVerify, expiresAt: this.clock() + 10 * 60_000 });
    return ticket;
  }

  /** Uses a ticket of the official account. @throws WeChatError 61058 unknown, used, expired or another account's. */
  redeemTicket(ticket: unknown, appId: string): { copyWxVerify: boolean } {
    const entry = typeof ticket === 'string' ? this.tickets.get(ticket) : undefined;
    if (!entry || entry.appId !== appId || entry.expiresAt <= this.clock()) throw new WeChatError(61058);
    this.tickets.delete(ticket as string);
    return { copyWxVerify: entry.copyWxVerify };
  }

  private add(input: Omit<RegistrationTask, 'taskId' | 'status' | 'createdAt'>): RegistrationTask {
    const task: RegistrationTask = { ...input, taskId: input.kind === 'beta' ? randomUrlSafe(64) : randomHex(32), status: 0, createdAt: this.clock() };
    this.tasks.set(task.taskId, task);
    return task;
  }

  private checkRunning(same: (task: RegistrationTask) => boolean): void {
    for (const task of this.tasks.values()) {
      this.expire(task);
      if (task.status === 0 && same(task)) throw new WeChatError(89249);
    }
  }

  /** A task nobody acted on for 24 hours times out (status 1). */
  private expire(task: RegistrationTask): void {
    if (task.status === 0 && task.createdAt + TASK_TTL_MS <= this.clock()) task.status = 1;
  }
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}
