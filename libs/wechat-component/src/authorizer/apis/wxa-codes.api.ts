import type { ApiRequester } from '../../apis/common.js';
import type { WeChatFile } from '../../http/wechat-file.js';
import type { WxaCodeOptions, WxaCodeUnlimitedOptions } from './wxa.types.js';

/**
 * Mini-program codes (小程序码) and QR codes: JPEGs that open a page. Limited codes (`getwxacode`,
 * `createwxaqrcode`) count towards 100 000 per mini program (45029), so a failed request is not sent again.
 * Reached as `client.wxa.codes`; the sandbox's `wxa-codes.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (a download is the file; an error is thrown).
 */
export class WxaCodesApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/getwxacode`: a mini-program code for a page (limited to 100 000 codes in all).
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getQRCode.html
   */
  getWxaCode(path: string, options: WxaCodeOptions = {}): Promise<WeChatFile> {
    return this.requester.request({ method: 'POST', path: '/wxa/getwxacode', body: { path, ...options }, responseType: 'file' });
  }

  /**
   * `POST wxa/getwxacodeunlimit`: a mini-program code carrying `scene` (≤ 32 characters), unlimited in number.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
   */
  getWxaCodeUnlimited(scene: string, options: WxaCodeUnlimitedOptions = {}): Promise<WeChatFile> {
    return this.requester.request({ method: 'POST', path: '/wxa/getwxacodeunlimit', body: { scene, ...options }, responseType: 'file' });
  }

  /**
   * `POST cgi-bin/wxaapp/createwxaqrcode`: a (square) QR code for a page, limited like `getwxacode`.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/createQRCode.html
   */
  createQrcode(path: string, width = 430): Promise<WeChatFile> {
    return this.requester.request({ method: 'POST', path: '/cgi-bin/wxaapp/createwxaqrcode', body: { path, width }, responseType: 'file' });
  }
}
