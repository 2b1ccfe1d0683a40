import { WeChatError } from '../common/errors.js';

/** A message an account sent other than customer-service ones: mass, template or subscription. */
export interface OutboxMessage {
  readonly id: number;
  /** ms. */
  readonly at: number;
  readonly kind: 'mass' | 'mass-preview' | 'template' | 'subscribe-template' | 'subscribe' | 'biz-subscribe';
  /** The openids it went to (mass to everyone or a tag: the followers at the time). */
  readonly to: readonly string[];
  readonly body: Record<string, unknown>;
}

/** A mass job (`message/mass/*`). */
export interface MassJob {
  readonly msgId: number;
  readonly msgDataId?: number;
  readonly clientMsgId?: string;
  status: 'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE';
}

const KEPT = 100;

/**
 * What one account sent (bounded), its mass jobs, and the subscription grants its users gave: each grant lets one
 * subscription message through (WeChat's one-time subscriptions).
 */
export class Outbox {
  private readonly messages: OutboxMessage[] = [];
  private readonly jobs = new Map<number, MassJob>();
  private readonly clientMsgIds = new Map<string, number>();
  private readonly grants = new Map<string, number>();
  private nextId = 0;
  private nextMsgId = 1_000_000_001;

  constructor(private readonly clock: () => number) {}

  record(kind: OutboxMessage['kind'], to: readonly string[], body: Record<string, unknown>): OutboxMessage {
    const message = { id: ++this.nextId, at: this.clock(), kind, to, body };
    this.messages.push(message);
    if (this.messages.length > KEPT) this.messages.shift();
    return message;
  }

  list(): readonly OutboxMessage[] {
    return this.messages;
  }

  /** A new mass job; a repeated `clientmsgid` answers 45065. */
  startMass(withDataId: boolean, clientMsgId?: string): MassJob {
    if (clientMsgId !== undefined) {
      if (Buffer.byteLength(clientMsgId) > 64) throw new WeChatError(40097);
      if (this.clientMsgIds.has(clientMsgId)) throw new WeChatError(45065);
    }
    const job: MassJob = {
      msgId: this.nextMsgId++,
      ...(withDataId ? { msgDataId: 2_247_483_000 + this.nextMsgId } : {}),
      ...(clientMsgId === undefined ? {} : { clientMsgId }),
      status: 'SEND_SUCCESS',
    };
    this.jobs.set(job.msgId, job);
    if (clientMsgId !== undefined) this.clientMsgIds.set(clientMsgId, job.msgId);
    return job;
  }

  nextMessageId(): number {
    return this.nextMsgId++;
  }

  /** @throws WeChatError 40097 unknown job. */
  job(msgId: unknown): MassJob {
    const job = this.jobs.get(Number(msgId));
    if (!job) throw new WeChatError(40097);
    return job;
  }

  /** Lets `count` more subscription messages of `templateId` through to `openid`. */
  grant(openid: string, templateId: string, count: number): number {
    const key = `${openid}\u0000${templateId}`;
    const remaining = (this.grants.get(key) ?? 0) + count;
    this.grants.set(key, remaining);
    return remaining;
  }

  /** Uses one grant. @throws WeChatError 43101 when the user has not subscribed (or used it up). */
  consumeGrant(openid: string, templateId: string): void {
    const key = `${openid}\u0000${templateId}`;
    const remaining = this.grants.get(key) ?? 0;
    if (remaining <= 0) throw new WeChatError(43101);
    this.grants.set(key, remaining - 1);
  }
}
