import { describe, expect, it } from 'vitest';
import type { Clock } from '../common/clock.js';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { MemoryStoreBackend } from './memory-store-backend.js';
import { StoreKeys } from './store-keys.js';
import { TICKET_LIFETIME_MS, VerifyTicketStore } from './verify-ticket.store.js';

/** A clock the test moves by hand; the memory store reads the same time, so expiry follows it too. */
function manualClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

function ticketStore(clock: Clock): VerifyTicketStore {
  return new VerifyTicketStore(new MemoryStoreBackend(() => clock.now()), new StoreKeys('t', 'wx0123456789abcdef'), clock);
}

describe('VerifyTicketStore, on the module’s clock', () => {
  const start = Date.UTC(2026, 10, 30, 12, 0, 0);

  it('keeps a ticket until 12 hours after its CreateTime, then forgets it', async () => {
    const clock = manualClock(start);
    const tickets = ticketStore(clock);
    await tickets.save('ticket-1', start / 1000);
    clock.advance(TICKET_LIFETIME_MS - 1_000);
    expect(await tickets.get()).toBe('ticket-1');
    clock.advance(2_000);
    expect(await tickets.get()).toBeUndefined();
  });

  it('keeps the newer of two tickets whatever order they arrive in, and ignores one already past its lifetime', async () => {
    const clock = manualClock(start);
    const tickets = ticketStore(clock);
    await tickets.save('newer', start / 1000);
    await tickets.save('older', start / 1000 - 600);
    expect(await tickets.get()).toBe('newer');
    await tickets.save('long-expired', (start - TICKET_LIFETIME_MS - 1_000) / 1000);
    expect(await tickets.get()).toBe('newer');
  });

  it('refuses a CreateTime far ahead of the clock (it would pin itself as newest)', async () => {
    const clock = manualClock(start);
    const tickets = ticketStore(clock);
    await expect(tickets.save('future', start / 1000 + 3600)).rejects.toBeInstanceOf(InvalidPushError);
    clock.advance(3600_000);
    await tickets.save('future', start / 1000 + 3600);
    expect(await tickets.get()).toBe('future');
  });
});
