import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { MessageTemplates, PrivateTemplate } from '../state/message-templates.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** Template-message industry and templates of official accounts (群发与通知权限, id 7). */
@Controller('cgi-bin/template')
@AuthorizerApi({ official_account: FUNC.MASS_AND_NOTICES })
export class TemplateController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Ids of WeChat's industry table (40102 otherwise). */
  @Post('api_set_industry')
  @HttpCode(200)
  setIndustry(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.templates(account).setIndustry(body['industry_id1'], body['industry_id2']);
    return OK;
  }

  @Get('get_industry')
  getIndustry(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    return this.templates(account).industry();
  }

  /** A `template_id_short` of the library (40037 otherwise), at most 25 templates (45026). */
  @Post('api_add_template')
  @HttpCode(200)
  add(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { template_id: string } {
    return { ...OK, template_id: this.templates(account).add(body['template_id_short']).template_id };
  }

  @Get('get_all_private_template')
  list(@CurrentAuthorizer() account: Account): { template_list: PrivateTemplate[] } {
    return { template_list: this.templates(account).list() };
  }

  @Post('del_private_template')
  @HttpCode(200)
  delete(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.templates(account).delete(body['template_id']);
    return OK;
  }

  private templates(account: Account): MessageTemplates {
    return this.sandbox.apis.templates.of(account.appId);
  }
}
