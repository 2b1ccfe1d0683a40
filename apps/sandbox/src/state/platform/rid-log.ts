import { WeChatError } from '../../common/errors.js';

/** What WeChat keeps of a failed call, for `openapi/rid/get`. */
export interface RidRecord {
  readonly rid: string;
  /** The account whose token the call carried (the component for calls without one). */
  readonly owner: string;
  /** ms. */
  readonly at: number;
  readonly costMs: number;
  readonly requestUrl: string;
  readonly requestBody: string;
  readonly responseBody: string;
  readonly clientIp: string;
}

const RID = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
const KEPT_MS = 7 * 86_400_000;

/** The rids of failed calls, 7 days and at most `capacity` of them (the oldest go first). O(1) per call. */
export class RidLog {
  private readonly records = new Map<string, RidRecord>();

  constructor(
    private readonly clock: () => number,
    private readonly capacity = 5000,
  ) {}

  add(record: RidRecord): void {
    this.records.set(record.rid, record);
    if (this.records.size > this.capacity) this.records.delete(this.records.keys().next().value!);
  }

  /**
   * The record of `rid`, asked by `owner`.
   * @throws WeChatError 76002 malformed, 76001 unknown or older than 7 days, 76003 another account's call.
   */
  lookup(rid: unknown, owner: string): RidRecord {
    if (typeof rid !== 'string' || !RID.test(rid)) throw new WeChatError(76002);
    const record = this.records.get(rid);
    if (!record || record.at + KEPT_MS <= this.clock()) throw new WeChatError(76001);
    if (record.owner !== owner) throw new WeChatError(76003);
    return record;
  }
}
