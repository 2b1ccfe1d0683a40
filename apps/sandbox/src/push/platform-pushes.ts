import { epochSeconds } from '../common/clock.js';
import { openIdFor } from '../common/ids.js';
import type { Account, AccountStore } from '../state/accounts.js';
import type { IcpStatus, IcpVerifyTask } from '../state/platform/icp-filing.js';
import type { SetCategory, NicknameAudit } from '../state/platform/mini-program-account.js';
import type { PlatformApiState } from '../state/platform/platform-state.js';
import type { PrivacyInterfaceState } from '../state/platform/privacy-interfaces.js';
import type { RegistrationTask } from '../state/platform/fast-registrations.js';
import type { AuthAndIcpProcedure, VerificationTask } from '../state/platform/verification.js';
import type { XmlFields } from '../xml/build.js';
import type { AuthorizationNotifier } from './authorization-notifier.js';
import type { EventPusher } from './event-pusher.js';
import type { MessageDelivery, MessagePusher } from './message-pusher.js';
import type { PushRecord } from './push-log.js';

/** What {@link PlatformPushes} needs of the sandbox. */
export interface PlatformPushesDeps {
  readonly componentAppId: string;
  readonly clock: () => number;
  readonly accounts: AccountStore;
  readonly platform: PlatformApiState;
  readonly notifier: AuthorizationNotifier;
  readonly events: EventPusher;
  readonly messages: MessagePusher;
  /** Whether a message URL is configured (message pushes are skipped otherwise). */
  readonly hasMessageTarget: () => boolean;
}

/** The outcome of a decision, with the push it caused (when a URL is set). */
export interface PushedOutcome {
  readonly push?: PushRecord;
}

/**
 * Plays WeChat's side of the platform processes: an applicant confirms a fast registration, an administrator passes
 * a face verification, reviewers decide ICP filings, verifications, names, categories and privacy interfaces — and
 * WeChat pushes each outcome: to the authorization event URL (`notify_*`) or to the message URL (`wxa_*` events from
 * WeChat's system sender).
 */
export class PlatformPushes {
  constructor(private readonly deps: PlatformPushesDeps) {}

  /**
   * The applicant confirms (or refuses) a registration task: on approval the mini program is created and authorized
   * to the platform; WeChat pushes `notify_third_fasteregister` (enterprise, personal: with an authorization code) or
   * `notify_third_fastregisterbetaapp` followed by `authorized` (beta).
   */
  async completeRegistration(task: RegistrationTask, approve: boolean, failStatus = 100001): Promise<{ appId?: string; authCode?: string; pushes: PushRecord[] }> {
    const { accounts, notifier, events, componentAppId, clock, platform } = this.deps;
    const pushes: PushRecord[] = [];
    let appId = '';
    let authCode = '';
    if (approve) {
      const account = accounts.create({
        type: 'mini_program',
        nickName: task.kind === 'beta' ? `${task.name}的体验小程序` : `${task.name}的小程序`,
        principalName: task.kind === 'enterprise' ? task.name : '个人',
        verifyTypeId: -1,
      });
      appId = account.appId;
      task.appId = appId;
      task.status = 12;
      if (task.kind === 'beta') {
        platform.registrations.betaAppIds.add(appId);
        const beta = await events.push(betaRegisterEvent(componentAppId, epochSeconds(clock), { appId, status: 0, msg: 'OK', uniqueId: task.taskId, name: task.name }), appId);
        if (beta) pushes.push(beta);
        const { push } = await notifier.grant(account);
        if (push) pushes.push(push);
        return { appId, pushes };
      }
      authCode = (await notifier.grant(account, { push: false })).grant.authorizationCode;
    } else {
      task.status = task.kind === 'beta' ? 2 : 11;
    }
    const now = epochSeconds(clock);
    const push =
      task.kind === 'beta'
        ? await events.push(betaRegisterEvent(componentAppId, now, { appId: '', status: failStatus, msg: 'user refused', uniqueId: task.taskId, name: task.name }))
        : await events.push(
            {
              AppId: componentAppId,
              CreateTime: now,
              InfoType: 'notify_third_fasteregister',
              appid: appId,
              status: approve ? 0 : failStatus,
              auth_code: authCode,
              msg: approve ? 'OK' : 'legal person checking timeout',
              info: registrationInfo(task),
            },
            appId || undefined,
          );
    if (push) pushes.push(push);
    return { ...(appId ? { appId, authCode } : {}), pushes };
  }

  /** The administrator finishes the ICP face verification: `notify_icpfiling_verify_result`. */
  async icpVerified(account: Account, task: IcpVerifyTask): Promise<PushedOutcome> {
    return this.pushComponentEvent(account, 'notify_icpfiling_verify_result', {
      task_id: task.taskId,
      verify_appid: account.appId,
      result: task.faceStatus,
      ...(task.alongWithAuth && task.faceStatus === 3 ? { along_with_auth_result: 9 } : {}),
    });
  }

  /** A reviewer moved an ICP filing: `notify_apply_icpfiling_result`. */
  async icpReviewed(account: Account, status: IcpStatus): Promise<PushedOutcome> {
    return this.pushComponentEvent(account, 'notify_apply_icpfiling_result', {
      authorizer_appid: account.appId,
      beian_status: status,
    });
  }

  /** A verification task moved: `notify_3rd_wxa_auth`. */
  async verificationMoved(account: Account, task: VerificationTask, message: string): Promise<PushedOutcome> {
    return this.pushComponentEvent(account, 'notify_3rd_wxa_auth', {
      appid: account.appId,
      taskid: task.taskId,
      task_status: task.taskStatus,
      ...(task.applyStatus === undefined ? {} : { apply_status: task.applyStatus }),
      message,
    });
  }

  /** A verification-and-filing procedure moved: `notify_3rd_wxa_auth_and_icp`. */
  async procedureMoved(account: Account, procedure: AuthAndIcpProcedure): Promise<PushedOutcome> {
    return this.pushComponentEvent(account, 'notify_3rd_wxa_auth_and_icp', {
      appid: account.appId,
      procedure_id: procedure.procedureId,
      procedure_status: procedure.status,
    });
  }

  /** A name audit decided: `wxa_nickname_audit` (ret 3 approved, 2 rejected) to the message URL. */
  nicknameAudited(account: Account, audit: NicknameAudit): Promise<MessageDelivery | undefined> {
    return this.system(account, { Event: 'wxa_nickname_audit', ret: audit.status === 3 ? 3 : 2, nickname: audit.nickname, reason: audit.reason });
  }

  /** A category audit decided: `wxa_category_audit` (ret 3 approved, 2 rejected). */
  categoryAudited(account: Account, category: SetCategory): Promise<MessageDelivery | undefined> {
    return this.system(account, { Event: 'wxa_category_audit', ret: category.auditStatus === 3 ? 3 : 2, first: category.first, second: category.second, reason: category.auditReason });
  }

  /** A privacy-interface application decided: `wxa_privacy_apply` with `result_info` (status 1 granted, 2 refused). */
  privacyApplied(account: Account, apiName: string, state: PrivacyInterfaceState): Promise<MessageDelivery | undefined> {
    return this.system(account, {
      Event: 'wxa_privacy_apply',
      result_info: {
        api_name: apiName,
        apply_time: String(state.applyTime ?? 0),
        audit_id: String(state.auditId ?? 0),
        audit_time: String(state.auditTime ?? 0),
        reason: state.reason,
        status: state.status === 5 ? 1 : 2,
      },
    });
  }

  private async system(account: Account, fields: Record<string, string | number | XmlFields>): Promise<MessageDelivery | undefined> {
    if (!this.deps.hasMessageTarget()) return undefined;
    return this.deps.messages.send(account, openIdFor(account.appId, 'weixin-system'), { MsgType: 'event', ...fields });
  }

  /** Pushes a `notify_*` event about `account` to the authorization event URL, stamped with the component and now. */
  private async pushComponentEvent(account: Account, infoType: string, fields: XmlFields): Promise<PushedOutcome> {
    const event: XmlFields = { AppId: this.deps.componentAppId, CreateTime: epochSeconds(this.deps.clock), InfoType: infoType, ...fields };
    return pushed(await this.deps.events.push(event, account.appId));
  }
}

function pushed(push: PushRecord | undefined): PushedOutcome {
  return push ? { push } : {};
}

/** `info` of `notify_third_fasteregister`: the enterprise's details, or the person's for a personal registration. */
function registrationInfo(task: RegistrationTask): XmlFields {
  if (task.kind === 'personal') return { wxuser: task.wxuser, idname: task.name, component_phone: task.componentPhone };
  return { name: task.name, code: task.code, code_type: 1, legal_persona_wechat: '', legal_persona_name: '', component_phone: task.componentPhone };
}

/** `notify_third_fastregisterbetaapp` (试用小程序 created or not). */
function betaRegisterEvent(componentAppId: string, createTime: number, event: { appId: string; status: number; msg: string; uniqueId: string; name: string }): XmlFields {
  return {
    AppId: componentAppId,
    CreateTime: createTime,
    InfoType: 'notify_third_fastregisterbetaapp',
    appid: event.appId,
    status: event.status,
    msg: event.msg,
    info: { unique_id: event.uniqueId, name: event.name },
  };
}
