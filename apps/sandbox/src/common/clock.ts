/** A source of the current time in milliseconds since the epoch. Injectable so tests can move time. */
export type Clock = () => number;

/** The wall clock. */
export const systemClock: Clock = () => Date.now();

/** Seconds since the epoch, as WeChat writes `CreateTime` and `timestamp`. */
export function epochSeconds(clock: Clock): number {
  return Math.floor(clock() / 1000);
}
