import { RingBuffer } from '../common/ring-buffer.js';
import type { Sequence } from '../common/sequence.js';

/** One request to WeChat's side of the sandbox, as recorded (secrets masked, tokens truncated). */
export interface CallRecord {
  /** Shared sequence with pushes; poll with `after`. */
  id: number;
  /** ms since the epoch. */
  at: number;
  method: string;
  path: string;
  /** The account the call concerns, when there is one. */
  appId?: string;
  query: Record<string, string>;
  body?: unknown;
  /** HTTP status sent; 0 when the connection closed before any answer. */
  status: number;
  /** `errcode` of a JSON answer, when present. */
  errcode?: number;
  durationMs: number;
  /** The connection closed before the whole answer was sent (the client gave up, or a fault reset it). */
  interrupted?: true;
  /** Id of the injected fault that answered or delayed it (or shaped its answer). */
  faultId?: number;
}

/** Filters for {@link CallLog.list}. */
export interface CallFilter {
  path?: string;
  appId?: string;
  /** Only calls at or after this time (ms). */
  since?: number;
  /** Only records with a larger id. */
  after?: number;
  /** At most this many, newest first before re-ordering (default 100, max 1000). */
  limit?: number;
}

/** The most recent calls (bounded), oldest first when listed. */
export class CallLog {
  private readonly buffer: RingBuffer<CallRecord>;

  constructor(
    private readonly sequence: Sequence,
    capacity = 2000,
  ) {
    this.buffer = new RingBuffer(capacity);
  }

  add(record: Omit<CallRecord, 'id'>): CallRecord {
    const stored = { id: this.sequence.next(), ...record };
    this.buffer.push(stored);
    return stored;
  }

  list(filter: CallFilter = {}): CallRecord[] {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    return this.buffer
      .latest(
        limit,
        (call) =>
          (filter.path === undefined || call.path === filter.path) &&
          (filter.appId === undefined || call.appId === filter.appId) &&
          (filter.since === undefined || call.at >= filter.since) &&
          (filter.after === undefined || call.id > filter.after),
      )
      .reverse();
  }
}
