import { Inject, Injectable } from '@nestjs/common';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { STORE_BACKEND } from './store-tokens.js';
import type { StoreBackend } from './store-backend.js';
import { StoreKeys } from './store-keys.js';
import { CLOCK, type Clock } from '../common/clock.js';

/** WeChat accepts a ticket for 12 hours; pushes come every 10 minutes, so the latest one is always the one kept. */
export const TICKET_LIFETIME_MS = 12 * 3600 * 1000;
/** A ticket may be created this far ahead of our clock (skew); further is refused, or it would pin itself. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** A ticket as stored. */
export interface StoredTicket {
  readonly ticket: string;
  /** Epoch ms of the push's CreateTime. */
  readonly createdAt: number;
}

/** The latest `component_verify_ticket`, shared by every instance. */
@Injectable()
export class VerifyTicketStore {
  constructor(
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    private readonly keys: StoreKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Keeps `ticket` until 12 h after it was issued. Only a newer CreateTime replaces the stored ticket, in one atomic
   * step, so an older push arriving late never wins; a ticket with no CreateTime, or one far in the future, is refused.
   */
  async save(ticket: string, createTimeSeconds: number): Promise<void> {
    const now = this.clock.now();
    const createdAt = createTimeSeconds * 1000;
    if (!(createTimeSeconds > 0)) throw new InvalidPushError(400, 'component_verify_ticket push without CreateTime');
    if (createdAt > now + MAX_FUTURE_SKEW_MS) throw new InvalidPushError(400, 'component_verify_ticket CreateTime is in the future');
    const ttl = createdAt + TICKET_LIFETIME_MS - now;
    if (ttl <= 0) return;
    await this.backend.setIfNewer(this.keys.ticket, { ticket, createdAt } satisfies StoredTicket, 'createdAt', ttl);
  }

  async get(): Promise<string | undefined> {
    return (await this.read())?.ticket;
  }

  /** The stored ticket with its CreateTime (epoch ms). */
  read(): Promise<StoredTicket | undefined> {
    return this.backend.get<StoredTicket>(this.keys.ticket);
  }
}
