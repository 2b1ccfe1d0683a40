import { Injectable } from '@nestjs/common';
import { getFor, postAction } from '../apis/common.js';
import { ComponentClient } from './component-client.js';

/** A draft uploaded from WeChat DevTools by a developer mini program (`wxa/gettemplatedraftlist`). */
export interface CodeTemplateDraft {
  create_time: number;
  user_version: string;
  user_desc: string;
  draft_id: number;
  source_miniprogram_appid?: string;
  source_miniprogram?: string;
  developer?: string;
}

/** 0 ordinary template, 1 standard template (retired by WeChat). */
export type CodeTemplateType = 0 | 1;

/** A template of the platform's code library (`wxa/gettemplatelist`); `template_id` goes to `wxa.code.commit`. */
export interface CodeTemplate extends CodeTemplateDraft {
  template_id: number;
  template_type?: CodeTemplateType;
  category_list?: unknown[];
  audit_scene?: number;
  audit_status?: number;
  reason?: string;
}

/**
 * The platform's mini-program code-template library (代码模板库), called with the component access token: drafts
 * uploaded by developer mini programs become templates that authorized mini programs commit (`wxa.code.commit`).
 *
 * Envelope rule: see `apis/common.ts` (actions return nothing; a one-field answer is its value).
 */
@Injectable()
export class CodeTemplateLibrary {
  constructor(private readonly client: ComponentClient) {}

  /** `GET wxa/gettemplatedraftlist`: the drafts (one per developer mini program, the latest upload). */
  async getTemplateDraftList(): Promise<CodeTemplateDraft[]> {
    return (await getFor<{ draft_list: CodeTemplateDraft[] }>(this.client, '/wxa/gettemplatedraftlist')).draft_list;
  }

  /** `POST wxa/addtotemplate`: copies a draft into the template library (at most 200 templates). */
  addToTemplate(draftId: number, templateType: CodeTemplateType = 0): Promise<void> {
    return postAction(this.client, '/wxa/addtotemplate', { draft_id: draftId, template_type: templateType });
  }

  /** `GET wxa/gettemplatelist`: the templates, optionally of one type. */
  async getTemplateList(templateType?: CodeTemplateType): Promise<CodeTemplate[]> {
    const query = templateType === undefined ? {} : { template_type: templateType };
    return (await getFor<{ template_list: CodeTemplate[] }>(this.client, '/wxa/gettemplatelist', query)).template_list;
  }

  /** `POST wxa/deletetemplate`. */
  deleteTemplate(templateId: number): Promise<void> {
    return postAction(this.client, '/wxa/deletetemplate', { template_id: templateId });
  }
}
