import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settlesWithin, withinDeadline } from './deadline.js';

describe('withinDeadline / settlesWithin: a promise bounded by a deadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('settles as the work does when it settles first, and clears its timer', async () => {
    await expect(withinDeadline(Promise.resolve(7), 1000, () => 'late')).resolves.toBe(7);
    await expect(withinDeadline(Promise.reject(new Error('boom')), 1000, () => 'late')).rejects.toThrow('boom');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('settles as onTimeout does once the deadline passes: its value, or the error it throws', async () => {
    const never = new Promise<number>(() => undefined);
    const late = withinDeadline(never, 1000, () => 'late' as const);
    const failed = withinDeadline(never, 1000, () => {
      throw new RangeError('too slow');
    });
    const failedCheck = expect(failed).rejects.toBeInstanceOf(RangeError);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(late).resolves.toBe('late');
    await failedCheck;
  });

  it('observes a work failure that comes after the deadline (no unhandled rejection)', async () => {
    let fail!: (error: Error) => void;
    const work = new Promise<never>((_, reject) => (fail = reject));
    const bounded = withinDeadline(work, 10, () => 'late');
    await vi.advanceTimersByTimeAsync(10);
    await expect(bounded).resolves.toBe('late');
    fail(new Error('after the deadline'));
    await vi.advanceTimersByTimeAsync(0);
  });

  it('settlesWithin tells whether the work settled, either way, in time', async () => {
    await expect(settlesWithin(Promise.reject(new Error('boom')), 1000)).resolves.toBe(true);
    const slow = settlesWithin(new Promise(() => undefined), 1000);
    await vi.advanceTimersByTimeAsync(999);
    let done = false;
    void slow.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(slow).resolves.toBe(false);
  });
});
