import { createHash } from 'node:crypto';
import { WeChatError } from '../common/errors.js';
import { randomUrlSafe } from '../common/ids.js';

/** The tickets of `ticket/getticket`. */
export type JsTicketType = 'jsapi' | 'wx_card';

interface IssuedTicket {
  readonly ticket: string;
  readonly expiresAt: number;
}

/** `expires_in` of tickets (WeChat: 7200). */
export const TICKET_TTL_SECONDS = 7200;
const KEPT_PER_TYPE = 2;

/**
 * The jsapi and wx_card tickets of one account. Each `getticket` issues a new ticket; earlier ones stay valid until
 * they expire (the last two are kept), so a page signed a moment ago still configures.
 */
export class JsTickets {
  private readonly issued: Record<JsTicketType, IssuedTicket[]> = { jsapi: [], wx_card: [] };

  constructor(private readonly clock: () => number) {}

  /** @throws WeChatError 40097 unknown type. */
  issue(type: unknown): IssuedTicket {
    if (type !== 'jsapi' && type !== 'wx_card') throw new WeChatError(40097);
    const ticket = { ticket: `${randomUrlSafe(54)}-${randomUrlSafe(30)}`, expiresAt: this.clock() + TICKET_TTL_SECONDS * 1000 };
    const list = this.issued[type];
    list.push(ticket);
    if (list.length > KEPT_PER_TYPE) list.shift();
    return ticket;
  }

  /** Tickets still valid. */
  valid(type: JsTicketType): string[] {
    const now = this.clock();
    return this.issued[type].filter((t) => t.expiresAt > now).map((t) => t.ticket);
  }

  /** How many tickets of a type were issued and are still kept (for the control API). */
  count(type: JsTicketType): number {
    return this.issued[type].length;
  }
}

/**
 * What the WeChat client does on `wx.config`: recomputes the signature (SHA-1 of
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`, the URL without its fragment) with each valid ticket.
 */
export function checkJsSdkSignature(tickets: readonly string[], input: { url: string; timestamp: string; nonceStr: string; signature: string }): boolean {
  const url = input.url.split('#')[0]!;
  return tickets.some((ticket) => {
    const plain = `jsapi_ticket=${ticket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${url}`;
    return createHash('sha1').update(plain, 'utf8').digest('hex') === input.signature;
  });
}
