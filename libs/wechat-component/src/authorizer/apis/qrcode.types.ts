/** Requests and answers of {@link QrCodeApi} (带参数二维码), as WeChat names the fields. */

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
