import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreBackend } from './store-backend.js';
import { systemClock, type Clock } from '../common/clock.js';

// Slots are reserved ~100 ms worth at a time (one store round trip per batch), at least one, at most this many.
const MAX_BATCH = 100;

/**
 * Calls per second to WeChat, shared by every instance using the same store: slots of one rate kept in the store (in
 * Redis, on Redis's clock; in memory, for this process) are reserved a small batch at a time — about 100 ms worth,
 * so a round trip per call is saved at high rates and a slow rate stays strict — and handed out here in order, each
 * caller waiting for its slot. No retries, no polling.
 */
export class RateLimiter {
  private readonly intervalMs: number;
  private readonly batch: number;
  /** Local time of the next reserved slot not yet handed out, and how many reserved slots are left. */
  private nextSlotAt = 0;
  private left = 0;
  private reserving: Promise<void> | undefined;

  constructor(
    private readonly backend: StoreBackend,
    private readonly key: string,
    callsPerSecond: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.intervalMs = 1000 / callsPerSecond;
    this.batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(callsPerSecond / 10)));
  }

  /** Resolves when the caller may make one call. */
  async acquire(): Promise<void> {
    while (this.left === 0) {
      this.reserving ??= this.reserve().finally(() => (this.reserving = undefined));
      await this.reserving;
    }
    this.left--;
    const slotAt = this.nextSlotAt;
    this.nextSlotAt += this.intervalMs;
    const waitMs = slotAt - this.clock.now();
    if (waitMs > 0) await sleep(Math.ceil(waitMs));
  }

  private async reserve(): Promise<void> {
    const waitMs = await this.backend.reserveRateSlots(this.key, this.intervalMs, this.batch);
    this.nextSlotAt = this.clock.now() + waitMs;
    this.left = this.batch;
  }
}
