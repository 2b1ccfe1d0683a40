import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { OK, WeChatError } from '../common/errors.js';
import type { SandboxRequest } from '../http/body-reader.js';
import { sendFile } from '../http/file-answer.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { requireUpload } from '../http/multipart-form.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { contentTypeOf, checkFile } from '../state/media-rules.js';
import { FUNC } from '../state/permissions.js';
import { ICP_CATALOG, type IcpFiling } from '../state/platform/icp-filing.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

const MB = 1_048_576;

/**
 * ICP filing of mini programs (permission set 18): face verification tasks (the administrator acts through the
 * control API; `notify_icpfiling_verify_result` is pushed), materials, the application (86202 with `hints` when a
 * field is refused), its review (the control API; `notify_apply_icpfiling_result` at each stage), withdrawal and
 * cancellation, and WeChat's lookup tables.
 */
@Controller('wxa/icp')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class IcpController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** The body may be empty or `{along_with_auth}`. */
  @Post('create_icp_verifytask')
  @HttpCode(200)
  createVerifyTask(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const task = this.filing(account).createVerifyTask(body['along_with_auth'] === true);
    return { ...OK, task_id: task.taskId, ...(task.alongWithAuth ? { verify_url: `${this.sandbox.baseUrl}/wxopen/icpverify?task_id=${task.taskId}` } : {}) };
  }

  @Post('query_icp_verifytask')
  @HttpCode(200)
  queryVerifyTask(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const task = this.filing(account).verifyTask(body['task_id']);
    return { ...OK, is_finish: task.finished, face_status: task.faceStatus, ...(task.alongWithAuth && task.faceStatus === 3 ? { along_with_auth_result: 9 } : {}) };
  }

  /** Fields `type` (image: jpg/jpeg/png/bmp ≤ 5 MB; video: mp4 ≤ 100 MB — 40005/40006), `icp_order_field`, file `media`. */
  @Post('upload_icp_media')
  @HttpCode(200)
  async upload(@CurrentAuthorizer() account: Account, @Req() req: SandboxRequest): Promise<Record<string, unknown>> {
    const { file, form } = await requireUpload(req, 'media');
    const type = form.text('type');
    if (type !== 'image' && type !== 'video') throw new WeChatError(40004);
    if (!form.text('icp_order_field')) throw new WeChatError(40097);
    checkFile(file, type === 'image' ? ['jpg', 'jpeg', 'png', 'bmp'] : ['mp4'], type === 'image' ? 5 * MB : 100 * MB);
    const stored = this.sandbox.apis.files.put(account.appId, { ...file, contentType: contentTypeOf(file.filename) });
    return { ...OK, ...this.filing(account).addMedia(type, stored.id) };
  }

  @Post('apply_icp_filing')
  @HttpCode(200)
  apply(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.filing(account).apply(body);
    return OK;
  }

  @Post('cancel_apply_icp_filing')
  @HttpCode(200)
  cancelApply(@CurrentAuthorizer() account: Account): typeof OK {
    this.filing(account).cancelApply();
    return OK;
  }

  @Post('cancel_icp_filing')
  @HttpCode(200)
  cancelFiling(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.filing(account).cancelFiling(body['cancel_type']);
    return OK;
  }

  @Get('get_icp_entrance_info')
  entranceInfo(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    return { ...OK, info: this.filing(account).entranceInfo() };
  }

  /** The filing in effect (40097 when not filed). */
  @Get('get_online_icp_order')
  onlineOrder(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    const filing = this.filing(account);
    if (filing.status !== 6 || !filing.filing) throw new WeChatError(40097);
    return { ...OK, ...structuredClone(filing.filing) };
  }

  /** The material's bytes (40007 unknown). */
  @Get('get_icp_media')
  media(@CurrentAuthorizer() account: Account, @Query() query: Record<string, unknown>, @Res() res: Response): void {
    const file = this.sandbox.apis.files.get(this.filing(account).mediaFile(stringField(query, 'media_id')));
    if (!file) throw new WeChatError(40007);
    sendFile(res, file.bytes, file.contentType, file.filename);
  }

  @Get('query_icp_subject_types')
  subjectTypes(): Record<string, unknown> {
    return catalog('/wxa/icp/query_icp_subject_types');
  }

  @Get('query_icp_certificate_types')
  certificateTypes(): Record<string, unknown> {
    return catalog('/wxa/icp/query_icp_certificate_types');
  }

  @Get('query_icp_district_code')
  districts(): Record<string, unknown> {
    return catalog('/wxa/icp/query_icp_district_code');
  }

  @Get('query_icp_service_content_types')
  serviceContentTypes(): Record<string, unknown> {
    return catalog('/wxa/icp/query_icp_service_content_types');
  }

  @Get('query_icp_nrlx_types')
  nrlxTypes(): Record<string, unknown> {
    return catalog('/wxa/icp/query_icp_nrlx_types');
  }

  private filing(account: Account): IcpFiling {
    return this.sandbox.platform.icp.of(account.appId);
  }
}

function catalog(path: keyof typeof ICP_CATALOG): Record<string, unknown> {
  return { ...OK, items: structuredClone(ICP_CATALOG[path]) };
}
