import { getFor, postAction, postFor, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type { CountedList, PrivateSubscribeTemplate, PublicTemplateKeyword, PublicTemplateTitle, TemplateCategory } from './subscribe-template.types.js';

/**
 * Subscription-message templates (订阅消息 / 订阅通知, `wxaapi/newtmpl/*`) of a mini program or official account: the
 * public library by category, the account's own templates, adding and deleting them. Send with
 * `wxa.sendSubscribeMessage` (mini programs) or `message.sendBizSubscribeMessage` (official accounts). Errors callers
 * act on: 200012 50 templates already, 200014 unknown tid, 200016 bad start, 200017 bad limit, 200018/200019 bad
 * category ids, 200020 bad keyword list, 200021 bad scene description.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class SubscribeTemplateApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `GET wxaapi/newtmpl/getcategory`: the categories of the account (they select the public templates it may use).
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/getCategory.html
   */
  async getCategory(): Promise<readonly TemplateCategory[]> {
    return (await getFor<{ data: TemplateCategory[] }>(this.requester, '/wxaapi/newtmpl/getcategory')).data;
  }

  /**
   * `GET wxaapi/newtmpl/getpubtemplatetitles`: public templates of the given categories, `limit` (≤ 30) from `start`.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/getPubTemplateTitleList.html
   */
  getPublicTitles(categoryIds: readonly number[], start = 0, limit = 30): Promise<Unwrapped<CountedList<PublicTemplateTitle>>> {
    return getFor<CountedList<PublicTemplateTitle>>(this.requester, '/wxaapi/newtmpl/getpubtemplatetitles', { ids: categoryIds.join(','), start, limit });
  }

  /**
   * `GET wxaapi/newtmpl/getpubtemplatekeywords`: the keywords of a public template.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/getPubTemplateKeyWordsById.html
   */
  getPublicKeywords(tid: number): Promise<Unwrapped<CountedList<PublicTemplateKeyword>>> {
    return getFor<CountedList<PublicTemplateKeyword>>(this.requester, '/wxaapi/newtmpl/getpubtemplatekeywords', { tid });
  }

  /**
   * `POST wxaapi/newtmpl/addtemplate`: adds a template made of `keywordIds` (2–5) of a public template; returns its
   * `priTmplId`.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/addMessageTemplate.html
   */
  async addTemplate(tid: number, keywordIds: readonly number[], sceneDesc?: string): Promise<string> {
    const body = { tid, kidList: [...keywordIds], ...(sceneDesc === undefined ? {} : { sceneDesc }) };
    return (await postFor<{ priTmplId: string }>(this.requester, '/wxaapi/newtmpl/addtemplate', body)).priTmplId;
  }

  /**
   * `POST wxaapi/newtmpl/deltemplate`.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/deleteMessageTemplate.html
   */
  deleteTemplate(priTmplId: string): Promise<void> {
    return postAction(this.requester, '/wxaapi/newtmpl/deltemplate', { priTmplId });
  }

  /**
   * `GET wxaapi/newtmpl/gettemplate`: the account's templates.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/getMessageTemplateList.html
   */
  async getTemplates(): Promise<readonly PrivateSubscribeTemplate[]> {
    return (await getFor<{ data: PrivateSubscribeTemplate[] }>(this.requester, '/wxaapi/newtmpl/gettemplate')).data;
  }
}
