import { WeChatError } from '../../common/errors.js';
import { randomUrlSafe } from '../../common/ids.js';

const CODE_TTL_MS = 5 * 60_000;

interface PhoneCode {
  readonly appId: string;
  readonly phone: string;
  readonly expiresAt: number;
}

/** The one-time codes of the `getPhoneNumber` button (手机号快速验证): 5 minutes, one use, one mini program. */
export class PhoneCodes {
  private readonly codes = new Map<string, PhoneCode>();

  constructor(private readonly clock: () => number) {}

  /** A code for `phone` at mini program `appId` (the user pressed the button). */
  issue(appId: string, phone: string): string {
    this.sweep();
    const code = randomUrlSafe(64);
    this.codes.set(code, { appId, phone, expiresAt: this.clock() + CODE_TTL_MS });
    return code;
  }

  /** Uses a code. @throws WeChatError 40029 unknown, used, expired, or another mini program's. */
  redeem(appId: string, code: unknown): string {
    const entry = typeof code === 'string' ? this.codes.get(code) : undefined;
    if (!entry || entry.appId !== appId || entry.expiresAt <= this.clock()) throw new WeChatError(40029);
    this.codes.delete(code as string);
    return entry.phone;
  }

  /** Codes expire in the order they were issued: drop the expired ones at the front (amortized O(1)). */
  private sweep(): void {
    const now = this.clock();
    for (const [code, entry] of this.codes) {
      if (entry.expiresAt > now) return;
      this.codes.delete(code);
    }
  }
}
