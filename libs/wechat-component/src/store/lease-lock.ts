import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreBackend, WriteGuard } from './store-backend.js';
import { systemClock, type Clock } from '../common/clock.js';

/** A held lock; release it in `finally`. */
export interface Lease {
  /**
   * The condition "this lease is still held": a write guarded by it ({@link StoreBackend.setIf}) is lost, not
   * applied, once the lease has expired and someone else may hold it — so work that outlived its lease cannot
   * overwrite the next holder's result.
   */
  readonly fence: WriteGuard;
  release(): Promise<void>;
}

/**
 * Lease locks in the store (`SET NX PX` with Redis): a lock expires by itself if its holder dies, and is released
 * only by its holder.
 */
export class LeaseLock {
  constructor(
    private readonly backend: StoreBackend,
    /** How long a lease lasts; the work under it is bounded below this, and its writes are fenced anyway. */
    readonly leaseMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Takes the lock at `key` if it is free. */
  async tryAcquire(key: string): Promise<Lease | undefined> {
    const owner = randomUUID();
    if (!(await this.backend.setIfAbsent(key, { owner }, this.leaseMs))) return undefined;
    return {
      fence: { key, field: 'owner', equals: owner },
      release: async () => void (await this.backend.deleteIfFieldEquals(key, 'owner', owner)),
    };
  }

  /**
   * Runs `compute` under the lock at `key`, or — while another holder works — waits for `settled` to return a value
   * (the holder's result, read back from the store). Gives up after `waitMs` with `onTimeout()`.
   */
  async runOnce<T>(options: {
    key: string;
    settled: () => Promise<T | undefined>;
    compute: (lease: Lease) => Promise<T>;
    waitMs: number;
    onTimeout: () => Error;
  }): Promise<T> {
    const deadline = this.clock.now() + options.waitMs;
    for (let pause = 20; ; pause = Math.min(pause * 2, 200)) {
      // Once the wait is over, one last try for the lease before giving up: a lease seen held when the wait began was
      // taken before it, so when `waitMs` is at least the lease, a holder that died has lost it by now and its work is
      // taken over — without this try the waiter gave up just as the lease lapsed.
      const waitedLongEnough = this.clock.now() > deadline;
      const lease = await this.tryAcquire(options.key);
      if (lease) {
        try {
          // Re-read under the lock: the previous holder may have finished a moment ago.
          return (await options.settled()) ?? (await options.compute(lease));
        } finally {
          await lease.release().catch(() => undefined); // a lease not released expires by itself
        }
      }
      if (waitedLongEnough) throw options.onTimeout();
      await sleep(pause);
      const result = await options.settled();
      if (result !== undefined) return result;
    }
  }
}
