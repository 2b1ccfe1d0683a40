import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { MiniProgramSettings } from '../state/mini-program-settings.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** Server and web-view domains and testers of mini programs (开发管理权限, id 18). */
@Controller('wxa')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class WxaSettingsController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Answers the domains in effect after the change (every action, `get` included). */
  @Post('modify_domain')
  @HttpCode(200)
  modifyDomain(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const settings = this.settings(account);
    settings.modifyDomains(body['action'], body);
    return { ...OK, ...structuredClone(settings.domains) };
  }

  /** `get` answers `webviewdomain`; the other actions only the errcode. */
  @Post('setwebviewdomain')
  @HttpCode(200)
  webviewDomain(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const settings = this.settings(account);
    settings.modifyWebview(body['action'], body['webviewdomain']);
    return body['action'] === 'get' ? { ...OK, webviewdomain: [...settings.webviewDomains] } : OK;
  }

  @Post('bind_tester')
  @HttpCode(200)
  bindTester(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { userstr: string } {
    return { ...OK, userstr: this.settings(account).bindTester(body['wechatid']) };
  }

  @Post('unbind_tester')
  @HttpCode(200)
  unbindTester(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.settings(account).unbindTester(body);
    return OK;
  }

  /** `action` get_experiencer (40097 otherwise). */
  @Post('memberauth')
  @HttpCode(200)
  members(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { members: Array<{ userstr: string }> } {
    if (body['action'] !== 'get_experiencer') throw new WeChatError(40097);
    return { ...OK, members: this.settings(account).testerList() };
  }

  private settings(account: Account): MiniProgramSettings {
    return this.sandbox.apis.miniPrograms.of(account.appId);
  }
}
