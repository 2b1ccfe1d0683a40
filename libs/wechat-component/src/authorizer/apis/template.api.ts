import type { WeChatAck } from '../../component/component-api.types.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';

/** An industry of template messages. */
export interface TemplateIndustry {
  first_class: string;
  second_class: string;
}

/** `template/get_industry`. */
export interface IndustryInfo {
  primary_industry: TemplateIndustry;
  secondary_industry: TemplateIndustry;
}

/** A template of the account (`template/get_all_private_template`). */
export interface PrivateTemplate {
  template_id: string;
  title: string;
  primary_industry: string;
  deputy_industry: string;
  content: string;
  example: string;
}

/** Template messages of an official account: industry and templates (模板消息管理). */
export class TemplateApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST cgi-bin/template/api_set_industry`: the account's two industries (ids of WeChat's industry table). */
  setIndustry(industryId1: number | string, industryId2: number | string): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/template/api_set_industry', { industry_id1: String(industryId1), industry_id2: String(industryId2) });
  }

  /** `GET cgi-bin/template/get_industry`. */
  getIndustry(): Promise<IndustryInfo> {
    return this.requester.get('/cgi-bin/template/get_industry');
  }

  /** `POST cgi-bin/template/api_add_template`: adds a library template (`TM…`/`OPENTM…`) and returns its id. */
  async get(templateIdShort: string, keywordNames?: readonly string[]): Promise<string> {
    const body = { template_id_short: templateIdShort, ...(keywordNames ? { keyword_name_list: [...keywordNames] } : {}) };
    return (await this.requester.post<{ template_id: string }>('/cgi-bin/template/api_add_template', body)).template_id;
  }

  /** Same as {@link TemplateApi.get} (wechatpy's `add`). */
  add(templateIdShort: string, keywordNames?: readonly string[]): Promise<string> {
    return this.get(templateIdShort, keywordNames);
  }

  /** `GET cgi-bin/template/get_all_private_template`: the account's templates. */
  async getAllPrivateTemplate(): Promise<PrivateTemplate[]> {
    return (await this.requester.get<{ template_list: PrivateTemplate[] }>('/cgi-bin/template/get_all_private_template')).template_list;
  }

  /** `POST cgi-bin/template/del_private_template`. */
  delPrivateTemplate(templateId: string): Promise<WeChatAck> {
    return this.requester.post('/cgi-bin/template/del_private_template', { template_id: templateId });
  }
}
