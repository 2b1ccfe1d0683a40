import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OK } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { CodeDraft, CodeTemplate } from '../state/code-templates.js';

function draftView(draft: CodeDraft): Record<string, unknown> {
  return {
    create_time: draft.createTime,
    user_version: draft.userVersion,
    user_desc: draft.userDesc,
    draft_id: draft.draftId,
    source_miniprogram_appid: draft.sourceAppId,
    source_miniprogram: draft.sourceName,
    developer: draft.developer,
    category_list: [],
  };
}

function templateView(template: CodeTemplate): Record<string, unknown> {
  return { ...draftView(template), create_time: template.templateCreateTime, template_id: template.templateId, template_type: template.templateType, category_list: [] };
}

/**
 * The platform's code-template library (component token, either query name): drafts come from developer mini
 * programs (control API `POST /sandbox/code-drafts`; one is seeded), templates from `addtotemplate`.
 */
@Controller('wxa')
export class CodeTemplateController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get('gettemplatedraftlist')
  drafts(@Query() query: Record<string, unknown>): Record<string, unknown> {
    this.sandbox.credentials.componentToken(query);
    return { ...OK, draft_list: this.sandbox.apis.codeTemplates.listDrafts().map(draftView) };
  }

  /** 85064 unknown draft, 85065 200 templates already. */
  @Post('addtotemplate')
  @HttpCode(200)
  add(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.apis.codeTemplates.addToTemplate(body['draft_id'], body['template_type']);
    return OK;
  }

  /** A GET (as WeChat insists); `template_type` 0 or 1 filters. */
  @Get('gettemplatelist')
  templates(@Query() query: Record<string, unknown>): Record<string, unknown> {
    this.sandbox.credentials.componentToken(query);
    const type = stringField(query, 'template_type');
    return { ...OK, template_list: this.sandbox.apis.codeTemplates.listTemplates(type === undefined ? undefined : Number(type)).map(templateView) };
  }

  @Post('deletetemplate')
  @HttpCode(200)
  delete(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.apis.codeTemplates.deleteTemplate(body['template_id']);
    return OK;
  }
}
