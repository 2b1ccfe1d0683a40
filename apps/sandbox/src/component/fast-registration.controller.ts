import { Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { RegistrationKind, RegistrationTask } from '../state/platform/fast-registrations.js';

/** Where the applicant confirms a task (the stand-in for WeChat's mp.weixin.qq.com pages). */
export function authorizeUrlOf(sandbox: Sandbox, task: RegistrationTask): string {
  if (task.kind === 'beta') return `${sandbox.baseUrl}/wxawap/fastregistertpbeta?action=show&create_token=${encodeURIComponent(task.taskId)}`;
  return `${sandbox.baseUrl}/wxopen/fastregister/verify?taskid=${encodeURIComponent(task.taskId)}`;
}

/**
 * Fast registration of mini programs (component token, either query name): the new enterprise and personal flows
 * (`new_version: true`, a task with an `authorize_url`) and trial (beta) mini programs. The applicant acts on the
 * page at `authorize_url` (or through the control API), and the outcome is pushed (`PlatformPushes`).
 */
@Controller('wxa/component')
export class FastRegistrationController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('fastregisterenterpriseweapp')
  @HttpCode(200)
  enterprise(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    this.sandbox.credentials.componentToken(query);
    return this.act('enterprise', query, body, () => this.sandbox.platform.registrations.createEnterprise(body));
  }

  @Post('fastregisterpersonalweapp')
  @HttpCode(200)
  personal(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    this.sandbox.credentials.componentToken(query);
    return this.act('personal', query, body, () => this.sandbox.platform.registrations.createPersonal(body));
  }

  /** 86011 name, 89253 openid missing. */
  @Post('fastregisterbetaweapp')
  @HttpCode(200)
  beta(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    this.sandbox.credentials.componentToken(query);
    const task = this.sandbox.platform.registrations.createBeta(body);
    return { ...OK, unique_id: task.taskId, authorize_url: authorizeUrlOf(this.sandbox, task) };
  }

  /** `action=create` starts a task; `action=query` reads one (89250 unknown); other actions 40097. */
  private act(kind: RegistrationKind, query: Record<string, unknown>, body: Record<string, unknown>, create: () => RegistrationTask): Record<string, unknown> {
    const action = stringField(query, 'action');
    if (action === 'create') {
      const task = create();
      return { ...OK, taskid: task.taskId, authorize_url: authorizeUrlOf(this.sandbox, task), status: task.status };
    }
    if (action !== 'query') throw new WeChatError(40097);
    const task = this.sandbox.platform.registrations.task(body['taskid'], kind);
    return {
      ...OK,
      taskid: task.taskId,
      status: task.status,
      ...(task.status === 0 ? { authorize_url: authorizeUrlOf(this.sandbox, task) } : {}),
      ...(task.appId ? { appid: task.appId } : {}),
    };
  }
}
