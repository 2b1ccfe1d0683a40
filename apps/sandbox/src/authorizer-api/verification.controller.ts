import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { randomUrlSafe } from '../common/ids.js';
import type { SandboxRequest } from '../http/body-reader.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { requireUpload } from '../http/multipart-form.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { checkFile } from '../state/media-rules.js';
import { FUNC } from '../state/permissions.js';
import { AUTH_IDENTITY_TREE, type Verification } from '../state/platform/verification.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/**
 * Verification and annual review of mini programs (`wxa/sec/*`, permission set 18) and the combined
 * verification-and-filing procedure: tasks and procedures move through the control API, each move pushed as
 * `notify_3rd_wxa_auth` / `notify_3rd_wxa_auth_and_icp`.
 */
@Controller('wxa/sec')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class VerificationController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** 89253 `auth_data` without `customer_type` / `contact_info`, 89249 a task runs. */
  @Post('wxaauth')
  @HttpCode(200)
  submit(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const task = this.verification(account).submit(body['auth_data'], (taskId) => `${this.sandbox.baseUrl}/wxopen/wxaauth?taskid=${taskId}`);
    return { ...OK, taskid: task.taskId, auth_url: task.authUrl };
  }

  /** 89250 unknown task. */
  @Post('queryauth')
  @HttpCode(200)
  query(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const task = this.verification(account).task(body['taskid']);
    return {
      ...OK,
      appid: account.appId,
      task_status: task.taskStatus,
      auth_url: task.authUrl,
      ...(task.applyStatus === undefined ? {} : { apply_status: task.applyStatus }),
      ...(task.refillReason ? { refill_reason: task.refillReason } : {}),
      ...(task.failReason ? { fail_reason: task.failReason } : {}),
    };
  }

  /** Only a task sent back to be fixed (89250 otherwise). */
  @Post('reauth')
  @HttpCode(200)
  resubmit(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const task = this.verification(account).resubmit(body['taskid'], body['auth_data']);
    return { ...OK, taskid: task.taskId, auth_url: task.authUrl };
  }

  /** A picture (jpg/jpeg/png/bmp ≤ 2 MB; 40005/40006) in field `media`. */
  @Post('uploadauthmaterial')
  @HttpCode(200)
  async upload(@CurrentAuthorizer() account: Account, @Req() req: SandboxRequest): Promise<typeof OK & { mediaid: string }> {
    const { file } = await requireUpload(req, 'media');
    checkFile(file, ['jpg', 'jpeg', 'png', 'bmp'], 2 * 1_048_576);
    this.sandbox.apis.files.put(account.appId, { ...file, contentType: 'image/jpeg' });
    return { ...OK, mediaid: randomUrlSafe(43) };
  }

  @Get('authidentitytree')
  identityTree(): Record<string, unknown> {
    return { ...OK, identity_tree_list: structuredClone(AUTH_IDENTITY_TREE) };
  }

  /** The filing part is checked as `apply_icp_filing` (86202 with `hints`); `auth_data` as `wxaauth` (89253). */
  @Post('submit_auth_and_icp')
  @HttpCode(200)
  submitAuthAndIcp(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const authData = body['auth_data'] as Record<string, unknown> | null | undefined;
    if (typeof authData !== 'object' || authData === null || authData['customer_type'] === undefined) throw new WeChatError(89253);
    this.sandbox.platform.icp.of(account.appId).checked(body);
    const procedure = this.verification(account).submitProcedure();
    return { ...OK, procedure_id: procedure.procedureId, pay_url: `${this.sandbox.baseUrl}/wxopen/wxaauth/pay?procedure_id=${procedure.procedureId}` };
  }

  /** 89250 unknown procedure. */
  @Post('query_auth_and_icp')
  @HttpCode(200)
  queryAuthAndIcp(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const procedure = this.verification(account).procedure(body['procedure_id']);
    const icp = this.sandbox.platform.icp.of(account.appId);
    return {
      ...OK,
      procedure_status: procedure.status,
      ...(procedure.status === 23 || procedure.status === 25 ? { icp_audit: { audit_data: icp.auditData } } : {}),
      ...(procedure.status === 24 ? { icp_audit: { sms_verify_status: 1 } } : {}),
    };
  }

  private verification(account: Account): Verification {
    return this.sandbox.platform.verification.of(account.appId);
  }
}
