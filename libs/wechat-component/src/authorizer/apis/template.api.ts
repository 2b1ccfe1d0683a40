import { getFor, postAction, postFor, type ApiRequester } from '../../apis/common.js';
import type { IndustryInfo, PrivateTemplate } from './template.types.js';

/**
 * Template messages of an official account, the account's side (模板消息: industry and templates, permission set 7);
 * sending is `message.template`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class TemplateApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/template/api_set_industry`: the account's two industries (ids of WeChat's industry table).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
   */
  setIndustry(industryId1: number | string, industryId2: number | string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/template/api_set_industry', { industry_id1: String(industryId1), industry_id2: String(industryId2) });
  }

  /**
   * `GET cgi-bin/template/get_industry`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
   */
  getIndustry(): Promise<IndustryInfo> {
    return getFor<IndustryInfo>(this.requester, '/cgi-bin/template/get_industry');
  }

  /**
   * `POST cgi-bin/template/api_add_template`: adds a library template (`TM…`/`OPENTM…`) and returns its id.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
   */
  async get(templateIdShort: string, keywordNames?: readonly string[]): Promise<string> {
    const body = { template_id_short: templateIdShort, ...(keywordNames ? { keyword_name_list: [...keywordNames] } : {}) };
    return (await postFor<{ template_id: string }>(this.requester, '/cgi-bin/template/api_add_template', body)).template_id;
  }

  /**
   * Same as {@link TemplateApi.get} (wechatpy's `add`): `POST cgi-bin/template/api_add_template`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
   */
  add(templateIdShort: string, keywordNames?: readonly string[]): Promise<string> {
    return this.get(templateIdShort, keywordNames);
  }

  /**
   * `GET cgi-bin/template/get_all_private_template`: the account's templates.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
   */
  async getAllPrivateTemplate(): Promise<PrivateTemplate[]> {
    return (await getFor<{ template_list: PrivateTemplate[] }>(this.requester, '/cgi-bin/template/get_all_private_template')).template_list;
  }

  /**
   * `POST cgi-bin/template/del_private_template`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
   */
  delPrivateTemplate(templateId: string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/template/del_private_template', { template_id: templateId });
  }
}
