import { RingBuffer } from '../common/ring-buffer.js';
import type { Sequence } from '../common/sequence.js';

/** Where a push went: the authorization event URL or the message URL. */
export type PushKind = 'event' | 'message';

/** One HTTP attempt of a push. */
export interface PushAttempt {
  /** ms since the epoch. */
  at: number;
  status?: number;
  /** The answer's body (first 2 KB). */
  body?: string;
  /** Network error or timeout. */
  error?: string;
  durationMs: number;
}

/** One push, with every attempt; credentials in `fields` are truncated. */
export interface PushRecord {
  /** Shared sequence with calls; poll with `after`. */
  id: number;
  at: number;
  kind: PushKind;
  /** `InfoType` of events to the event URL; `MsgType` (or `event:<Event>`) of messages. */
  type: string;
  /** The account concerned, if any. */
  appId?: string;
  url: string;
  /** The plaintext message's fields, credentials truncated. */
  fields: Record<string, unknown>;
  attempts: PushAttempt[];
  /** Status and body of the last attempt that got an answer. */
  status?: number;
  body?: string;
  /** Whether WeChat would consider it answered correctly. */
  ok: boolean;
  error?: string;
}

/** Filters for {@link PushLog.list}. */
export interface PushFilter {
  kind?: PushKind;
  type?: string;
  appId?: string;
  since?: number;
  after?: number;
  limit?: number;
}

/** The most recent pushes (bounded). */
export class PushLog {
  private readonly buffer: RingBuffer<PushRecord>;

  constructor(
    private readonly sequence: Sequence,
    capacity = 1000,
  ) {
    this.buffer = new RingBuffer(capacity);
  }

  /** Stores a push record (its `id` is assigned here); the record is then updated in place as attempts finish. */
  add(record: Omit<PushRecord, 'id'>): PushRecord {
    const stored = { id: this.sequence.next(), ...record };
    this.buffer.push(stored);
    return stored;
  }

  list(filter: PushFilter = {}): PushRecord[] {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    return this.buffer
      .latest(
        limit,
        (push) =>
          (filter.kind === undefined || push.kind === filter.kind) &&
          (filter.type === undefined || push.type === filter.type) &&
          (filter.appId === undefined || push.appId === filter.appId) &&
          (filter.since === undefined || push.at >= filter.since) &&
          (filter.after === undefined || push.id > filter.after),
      )
      .reverse();
  }

  get size(): number {
    return this.buffer.size;
  }
}
