import { postFor, type ApiRequester } from '../../apis/common.js';
import type { WeChatFile } from '../../http/wechat-file.js';
import type { QrCodeRequest, QrCodeTicket } from './qrcode.types.js';

/**
 * Parameterized QR codes of an official account (带参数二维码, permission set 1).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class QrCodeApi {
  constructor(
    private readonly requester: ApiRequester,
    private readonly mpBaseUrl: string,
  ) {}

  /**
   * `POST cgi-bin/qrcode/create`: a temporary (≤ 30 days) or permanent code.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
   */
  create(request: QrCodeRequest): Promise<QrCodeTicket> {
    return postFor<QrCodeTicket>(this.requester, '/cgi-bin/qrcode/create', request);
  }

  /**
   * `GET mp.weixin.qq.com/cgi-bin/showqrcode`: the code's image (no token needed).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
   */
  show(ticket: string | QrCodeTicket): Promise<WeChatFile> {
    return this.requester.request({
      method: 'GET',
      baseUrl: this.mpBaseUrl,
      anonymous: true,
      path: '/cgi-bin/showqrcode',
      query: { ticket: typeof ticket === 'string' ? ticket : ticket.ticket },
      responseType: 'file',
    });
  }

  /**
   * The URL of the code's image (`showqrcode?ticket=…`), to put in a page (no call to WeChat).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
   */
  getUrl(ticket: string | QrCodeTicket): string {
    const value = typeof ticket === 'string' ? ticket : ticket.ticket;
    return `${this.mpBaseUrl}/cgi-bin/showqrcode?ticket=${encodeURIComponent(value)}`;
  }
}
