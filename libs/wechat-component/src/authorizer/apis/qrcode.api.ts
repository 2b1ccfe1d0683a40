import type { WeChatFile } from '../../http/wechat-file.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';

/** A parameterized QR code to create (`qrcode/create`). */
export type QrCodeRequest =
  | { action_name: 'QR_SCENE'; expire_seconds?: number; action_info: { scene: { scene_id: number } } }
  | { action_name: 'QR_STR_SCENE'; expire_seconds?: number; action_info: { scene: { scene_str: string } } }
  | { action_name: 'QR_LIMIT_SCENE'; action_info: { scene: { scene_id: number } } }
  | { action_name: 'QR_LIMIT_STR_SCENE'; action_info: { scene: { scene_str: string } } };

/** `qrcode/create`. */
export interface QrCodeTicket {
  ticket: string;
  /** Temporary codes only. */
  expire_seconds?: number;
  /** The content of the code, for drawing it yourself. */
  url: string;
}

/** Parameterized QR codes of an official account (带参数二维码). */
export class QrCodeApi {
  constructor(
    private readonly requester: AuthorizerRequester,
    private readonly mpBaseUrl: string,
  ) {}

  /** `POST cgi-bin/qrcode/create`: a temporary (≤ 30 days) or permanent code. */
  create(request: QrCodeRequest): Promise<QrCodeTicket> {
    return this.requester.post('/cgi-bin/qrcode/create', request);
  }

  /** `GET mp.weixin.qq.com/cgi-bin/showqrcode`: the code's image (no token needed). */
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

  /** The URL of the code's image (`showqrcode?ticket=…`), to put in a page. */
  getUrl(ticket: string | QrCodeTicket): string {
    const value = typeof ticket === 'string' ? ticket : ticket.ticket;
    return `${this.mpBaseUrl}/cgi-bin/showqrcode?ticket=${encodeURIComponent(value)}`;
  }
}
