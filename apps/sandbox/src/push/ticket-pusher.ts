import { epochSeconds } from '../common/clock.js';
import type { SandboxSettings } from '../state/settings.js';
import type { Ticket, TicketStore } from '../state/tickets.js';
import { ticketEvent } from './component-events.js';
import type { EventPusher } from './event-pusher.js';
import type { PushRecord } from './push-log.js';

/** A ticket issued and (when an event URL is known) pushed. */
export interface TicketPush {
  ticket: Ticket;
  push?: PushRecord;
}

/** Issues `component_verify_ticket`s and pushes them every `ticketIntervalSeconds` (WeChat: 600). */
export class TicketPusher {
  private timer: NodeJS.Timeout | undefined;
  private armedInterval = 0;

  constructor(
    private readonly componentAppId: string,
    private readonly tickets: TicketStore,
    private readonly events: EventPusher,
    private readonly settings: SandboxSettings,
    private readonly clock: () => number,
  ) {}

  /** Issues a new ticket now and pushes it if there is an event URL. */
  async pushNow(): Promise<TicketPush> {
    const ticket = this.tickets.issue();
    const push = await this.events.push(ticketEvent(this.componentAppId, epochSeconds(this.clock), ticket.value));
    return push ? { ticket, push } : { ticket };
  }

  /** (Re-)arms the periodic push after the interval changed; 0 disarms it. */
  schedule(): void {
    const interval = this.settings.ticketIntervalSeconds;
    if (interval === this.armedInterval) return;
    this.stop();
    this.armedInterval = interval;
    if (interval > 0) {
      this.timer = setInterval(() => {
        if (this.events.hasTarget) void this.pushNow();
      }, interval * 1000);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.armedInterval = 0;
  }
}
