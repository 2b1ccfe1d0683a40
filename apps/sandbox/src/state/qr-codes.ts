import { randomBytes } from 'node:crypto';
import { WeChatError } from '../common/errors.js';
import { randomUrlSafe } from '../common/ids.js';

/** A parameterized QR code. */
export interface QrCode {
  readonly ticket: string;
  readonly appId: string;
  readonly actionName: string;
  readonly scene: { scene_id: number } | { scene_str: string };
  /** The code's content, `http://weixin.qq.com/q/…`. */
  readonly url: string;
  /** ms; permanent codes never expire. */
  readonly expiresAt?: number;
}

const DEFAULT_EXPIRE = 60;
const MAX_EXPIRE = 2_592_000;
const KEPT = 10_000;

/** Parameterized QR codes of every account, by ticket (bounded: the oldest are forgotten). */
export class QrCodes {
  private readonly codes = new Map<string, QrCode>();

  constructor(private readonly clock: () => number) {}

  /**
   * Creates a code as `qrcode/create` does: temporary codes live `expire_seconds` (default 60, at most 30 days);
   * scene ids are 32-bit (1–100000 for permanent codes), scene strings 1–64 characters.
   * @throws WeChatError 40052 unknown action, 40053 bad scene.
   */
  create(appId: string, body: Record<string, unknown>): QrCode & { expireSeconds?: number } {
    const actionName = body['action_name'];
    if (actionName !== 'QR_SCENE' && actionName !== 'QR_STR_SCENE' && actionName !== 'QR_LIMIT_SCENE' && actionName !== 'QR_LIMIT_STR_SCENE') {
      throw new WeChatError(40052);
    }
    const scene = ((body['action_info'] as Record<string, unknown> | undefined)?.['scene'] ?? {}) as Record<string, unknown>;
    const permanent = actionName.startsWith('QR_LIMIT');
    const parsed = actionName.endsWith('STR_SCENE') ? sceneString(scene['scene_str']) : sceneId(scene['scene_id'], permanent);
    const id = randomUrlSafe(22);
    const url = `http://weixin.qq.com/q/${id}`;
    const ticket = Buffer.concat([Buffer.from(url), randomBytes(12)]).toString('base64');
    const expireSeconds = permanent ? undefined : Math.min(Math.max(Number(body['expire_seconds'] ?? DEFAULT_EXPIRE) || DEFAULT_EXPIRE, 1), MAX_EXPIRE);
    const code: QrCode = {
      ticket,
      appId,
      actionName,
      scene: parsed,
      url,
      ...(expireSeconds === undefined ? {} : { expiresAt: this.clock() + expireSeconds * 1000 }),
    };
    this.codes.set(ticket, code);
    if (this.codes.size > KEPT) this.codes.delete(this.codes.keys().next().value!);
    return { ...code, ...(expireSeconds === undefined ? {} : { expireSeconds }) };
  }

  /** The code of a ticket, if known and not expired. */
  get(ticket: string): QrCode | undefined {
    const code = this.codes.get(ticket);
    return code && (code.expiresAt === undefined || code.expiresAt > this.clock()) ? code : undefined;
  }
}

function sceneString(value: unknown): { scene_str: string } {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) throw new WeChatError(40053);
  return { scene_str: value };
}

function sceneId(value: unknown, permanent: boolean): { scene_id: number } {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > (permanent ? 100_000 : 4_294_967_295)) throw new WeChatError(40053);
  return { scene_id: id };
}
