import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeaseLock } from './lease-lock.js';
import { MemoryStoreBackend } from './memory-store-backend.js';

describe('LeaseLock.runOnce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes over a dead holder’s lease when the wait is as long as the lease, instead of giving up as it lapses', async () => {
    vi.useFakeTimers();
    const backend = new MemoryStoreBackend(() => Date.now());
    const lock = new LeaseLock(backend, 1000);
    // The holder takes the lease and dies: it never releases it, so it lapses 1000 ms from now.
    expect(await lock.tryAcquire('lock')).toBeDefined();
    // A waiter starts at once and waits as long as the lease lasts.
    const outcome = lock
      .runOnce({ key: 'lock', settled: async () => undefined, compute: async () => 'taken over', waitMs: 1000, onTimeout: () => new Error('gave up') })
      .catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await outcome).toBe('taken over');
  });

  it('still gives up after waitMs while a holder keeps the lease', async () => {
    vi.useFakeTimers();
    const backend = new MemoryStoreBackend(() => Date.now());
    const lock = new LeaseLock(backend, 5000);
    expect(await lock.tryAcquire('lock')).toBeDefined();
    const outcome = lock
      .runOnce({ key: 'lock', settled: async () => undefined, compute: async () => 'taken over', waitMs: 1000, onTimeout: () => new Error('gave up') })
      .catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await outcome).toBe('gave up');
  });
});
