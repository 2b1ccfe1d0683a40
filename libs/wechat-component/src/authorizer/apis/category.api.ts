import { getFor, postAction, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type { AllCategories, CategoryCertificate, CategoryToAdd, SetCategories } from './category.types.js';

/**
 * A mini program's service categories (类目管理, permission set 30): WeChat's table, the categories set, adding,
 * deleting and fixing them. A category that needs a qualification is audited; the result comes as the
 * `wxa_category_audit` push (`@OnAuthorizerMessage({ event: 'wxa_category_audit' })`). Errors callers act on:
 * 53300 monthly changes used, 53301 too many categories, 53303 bad parameters, 53304 already set, 53306 only the
 * qualification may change, 53307 only rejected ones may change, 53308 one in review cannot be deleted.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class CategoryApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `GET cgi-bin/wxopen/getallcategories`: WeChat's category table, with the qualifications each needs.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/category/getallcategories.html
   */
  getAllCategories(): Promise<Unwrapped<AllCategories>> {
    return getFor(this.requester, '/cgi-bin/wxopen/getallcategories');
  }

  /**
   * `GET cgi-bin/wxopen/getcategory`: the categories set, their audit state and this month's quota.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/category/getallcategories.html
   */
  getCategory(): Promise<Unwrapped<SetCategories>> {
    return getFor(this.requester, '/cgi-bin/wxopen/getcategory');
  }

  /**
   * `POST cgi-bin/wxopen/addcategory`: adds categories (those needing a qualification go to an audit).
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/category/getallcategories.html
   */
  addCategory(categories: readonly CategoryToAdd[]): Promise<void> {
    return postAction(this.requester, '/cgi-bin/wxopen/addcategory', { categories: categories.map((c) => ({ ...c, certicates: [...(c.certicates ?? [])] })) });
  }

  /**
   * `POST cgi-bin/wxopen/deletecategory`.
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/category/getallcategories.html
   */
  deleteCategory(first: number, second: number): Promise<void> {
    return postAction(this.requester, '/cgi-bin/wxopen/deletecategory', { first, second });
  }

  /**
   * `POST cgi-bin/wxopen/modifycategory`: replaces the qualification of a rejected category (audited again).
   * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/category/getallcategories.html
   */
  modifyCategory(first: number, second: number, certicates: readonly CategoryCertificate[]): Promise<void> {
    return postAction(this.requester, '/cgi-bin/wxopen/modifycategory', { first, second, certicates: [...certicates] });
  }
}
