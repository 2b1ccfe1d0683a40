import { vi } from 'vitest';

/**
 * Puts the process on a clock that runs with the real one (in 20 ms steps) and that {@link moveClock} moves forward:
 * for tests that wait for a span of time to pass — tokens to come due, claims or a freshness window to lapse.
 * Only `Date` is faked: timers, I/O and Redis (which keeps its own clock for TTLs) run as they do. Call it before
 * starting the sandbox and the platforms, which read the time through `Date.now`; undo it with `vi.useRealTimers()`
 * once they are closed.
 */
export function useMovableClock(): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
}

/** Moves the clock `ms` forward at once, as if that long had passed. */
export function moveClock(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

/** Moves the clock to the start of the next whole second (`CreateTime` and WeChat's timestamps count seconds). */
export function moveClockToNextSecond(): void {
  vi.setSystemTime(Math.floor(Date.now() / 1000) * 1000 + 1000);
}
