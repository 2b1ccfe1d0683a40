import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreBackend } from '../store/store-backend.js';

/**
 * Calls per second to WeChat, shared by every instance using the same store: each call reserves the next slot of
 * one rate kept in the store (in Redis, on Redis's clock; in memory, for this process) and waits for it. One store
 * round trip per call; no retries, no polling.
 */
export class RateLimiter {
  private readonly intervalMs: number;

  constructor(
    private readonly backend: StoreBackend,
    private readonly key: string,
    callsPerSecond: number,
  ) {
    this.intervalMs = 1000 / callsPerSecond;
  }

  /** Resolves when the caller may make one call. */
  async acquire(): Promise<void> {
    const waitMs = await this.backend.reserveRateSlot(this.key, this.intervalMs);
    if (waitMs > 0) await sleep(waitMs);
  }
}
