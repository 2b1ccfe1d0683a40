/** The value at quantile `q` (0..1) of ascending `sorted` values; 0 when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Rounds to `digits` decimals, for reports. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Median of values (the mean of the two middle ones for an even count); 0 when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A figure over several rounds: its median and the lowest and highest round. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The median and range of `values`, rounded to `digits` decimals. */
export function spread(values: readonly number[], digits = 2): Spread {
  return { median: round(median(values), digits), min: round(Math.min(...values), digits), max: round(Math.max(...values), digits) };
}

/** `median (min–max)`, for tables. */
export function formatSpread(figure: Spread): string {
  return figure.min === figure.max ? String(figure.median) : `${figure.median} (${figure.min}–${figure.max})`;
}
