import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { randomUrlSafe } from '../common/ids.js';
import type { SandboxRequest } from '../http/body-reader.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { requireUpload } from '../http/multipart-form.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { checkFile } from '../state/media-rules.js';
import { PRIVACY_KEYS } from '../state/mini-program-settings.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** The privacy guide of mini programs (用户隐私保护指引, 开发管理权限 id 18), for the released (1) or development (2) version. */
@Controller('cgi-bin/component')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class WxaPrivacyController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('setprivacysetting')
  @HttpCode(200)
  set(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.apis.miniPrograms.of(account.appId).setPrivacy(body, this.sandbox.clock());
    return OK;
  }

  /** `privacy_list` is what the committed code uses; `privacy_desc` every key WeChat knows. */
  @Post('getprivacysetting')
  @HttpCode(200)
  get(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const guide = this.sandbox.apis.miniPrograms.of(account.appId).privacy.get(body['privacy_ver'] === 1 ? 1 : 2);
    const experience = this.sandbox.apis.code.of(account.appId).experience;
    return {
      ...OK,
      code_exist: experience ? 1 : 0,
      privacy_list: [...(experience?.privacyKeys ?? [])],
      setting_list: (guide?.settings ?? []).map((setting) => ({ ...setting, privacy_label: PRIVACY_KEYS[setting.privacy_key] })),
      update_time: guide?.updateTime ?? 0,
      owner_setting: guide?.ownerSetting ?? {},
      privacy_desc: { privacy_desc_list: Object.entries(PRIVACY_KEYS).map(([key, desc]) => ({ privacy_key: key, privacy_desc: desc })) },
      sdk_privacy_info_list: guide?.sdkPrivacyInfoList ?? [],
    };
  }

  /** A `.txt` (40005) of at most 100 KB (40006), form field `file`. */
  @Post('uploadprivacyextfile')
  @HttpCode(200)
  async upload(@CurrentAuthorizer() account: Account, @Req() req: SandboxRequest): Promise<typeof OK & { ext_file_media_id: string }> {
    const { file } = await requireUpload(req, 'file');
    checkFile(file, ['txt'], 100 * 1024);
    this.sandbox.apis.files.put(account.appId, { ...file, contentType: 'text/plain' });
    return { ...OK, ext_file_media_id: randomUrlSafe(43) };
  }
}
