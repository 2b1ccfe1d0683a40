import { Inject, Injectable } from '@nestjs/common';
import { STORE_BACKEND } from '../options/option-tokens.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';

/** WeChat accepts a ticket for 12 hours; pushes come every 10 minutes, so the latest one is always the one kept. */
export const TICKET_LIFETIME_MS = 12 * 3600 * 1000;

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
  ) {}

  /** Keeps `ticket` until 12 h after it was issued; an older push arriving late never replaces a newer ticket. */
  async save(ticket: string, createTimeSeconds: number): Promise<void> {
    const createdAt = createTimeSeconds > 0 ? createTimeSeconds * 1000 : Date.now();
    const ttl = createdAt + TICKET_LIFETIME_MS - Date.now();
    if (ttl <= 0) return;
    const current = await this.backend.get<StoredTicket>(this.keys.ticket);
    if (current && current.createdAt > createdAt) return;
    await this.backend.set(this.keys.ticket, { ticket, createdAt } satisfies StoredTicket, ttl);
  }

  async get(): Promise<string | undefined> {
    return (await this.read())?.ticket;
  }

  /** The stored ticket with the time WeChat issued it. */
  read(): Promise<StoredTicket | undefined> {
    return this.backend.get<StoredTicket>(this.keys.ticket);
  }
}
