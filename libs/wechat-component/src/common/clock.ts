/**
 * Where the library reads the time. Every deadline, expiry, lease and CreateTime check asks a `Clock`, so a test can
 * move time on (`Test.createTestingModule(…).overrideProvider(CLOCK).useValue(clock)`, or vitest's fake timers, which
 * the system clock follows) instead of sleeping.
 */
export interface Clock {
  /** Epoch milliseconds now. */
  now(): number;
}

/** The process's clock (`Date.now()`). */
export const systemClock: Clock = { now: () => Date.now() };

/** Injection token of the module's {@link Clock}. */
export const CLOCK = Symbol('WECHAT_COMPONENT_CLOCK');
