import { postFor, type ApiRequester } from '../../apis/common.js';
import type { PhoneInfo } from './phone-number.types.js';

/**
 * A mini-program user's phone number (手机号快速验证), from the `code` the page's `getPhoneNumber` button gives.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class PhoneNumberApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/business/getuserphonenumber` (wechatpy's `get_phone_number`): the number behind a one-time `code`
   * (valid 5 minutes). Errors: 40029 unknown, used or expired code, 45011 too frequent.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
   */
  async getPhoneNumber(code: string): Promise<PhoneInfo> {
    return (await postFor<{ phone_info: PhoneInfo }>(this.requester, '/wxa/business/getuserphonenumber', { code })).phone_info;
  }
}
