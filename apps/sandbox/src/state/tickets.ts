import { credentialShapes } from '../common/ids.js';

/** One `component_verify_ticket`. */
export interface Ticket {
  readonly value: string;
  readonly issuedAt: number;
}

/** Outcome of presenting a ticket to `api_component_token`. */
export type TicketCheck = 'ok' | 61005 | 61006;

/** Remembered tickets beyond the previous one, so an old ticket answers 61005 rather than 61006. */
const HISTORY = 256;

/** The tickets WeChat has pushed: the current and previous one are accepted while younger than their lifetime. */
export class TicketStore {
  private readonly issued = new Map<string, number>();
  private currentTicket: Ticket | undefined;
  private previousTicket: Ticket | undefined;

  constructor(
    private readonly clock: () => number,
    private readonly lifetimeSeconds: () => number,
  ) {}

  issue(): Ticket {
    const ticket: Ticket = { value: credentialShapes.ticket(), issuedAt: this.clock() };
    this.previousTicket = this.currentTicket;
    this.currentTicket = ticket;
    this.issued.set(ticket.value, ticket.issuedAt);
    if (this.issued.size > HISTORY) this.issued.delete(this.issued.keys().next().value!);
    return ticket;
  }

  get current(): Ticket | undefined {
    return this.currentTicket;
  }

  /** current or previous and young enough → ok; too old or superseded → 61005; unknown → 61006. */
  check(value: unknown): TicketCheck {
    if (typeof value !== 'string' || value === '') return 61006;
    for (const ticket of [this.currentTicket, this.previousTicket]) {
      if (ticket?.value === value) return this.clock() - ticket.issuedAt < this.lifetimeSeconds() * 1000 ? 'ok' : 61005;
    }
    return this.issued.has(value) ? 61005 : 61006;
  }
}
