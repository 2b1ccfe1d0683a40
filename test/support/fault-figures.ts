import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/**
 * Figures the fault suite measures (answer times, recovery times, counts of lost tokens …), gathered in one JSON file
 * that every spec file merges into. Spec files run in parallel worker processes, so a merge takes a lock file.
 * The file is an artifact (test/artifacts is gitignored); figures are reported, never asserted on as times.
 */
export const FAULT_FIGURES_PATH = fileURLToPath(new URL('../artifacts/fault-figures.json', import.meta.url));

/** One measured figure. */
export interface FaultFigure {
  readonly value: number;
  /** e.g. 'ms', 's', 'count', 'calls/min'. */
  readonly unit: string;
  /** When it was measured (ISO 8601): a figure not re-measured by the latest run keeps its older date. */
  readonly recordedAt: string;
}

export type FaultFigures = Record<string, FaultFigure>;

const LOCK_PATH = `${FAULT_FIGURES_PATH}.lock`;
/** A lock older than this was left by a killed process. */
const STALE_LOCK_MS = 10_000;

/**
 * Records `value` (in `unit`) under `name`, replacing an earlier figure of that name and keeping every other one.
 * Safe to call from parallel spec files.
 */
export async function recordFigure(name: string, value: number, unit: string): Promise<void> {
  await mkdir(dirname(FAULT_FIGURES_PATH), { recursive: true });
  await withLock(async () => {
    const figures = await readFigures();
    // A tenth of a unit is precision enough for a report.
    figures[name] = { value: Math.round(value * 10) / 10, unit, recordedAt: new Date().toISOString() };
    const sorted = Object.fromEntries(Object.entries(figures).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // Written aside and renamed, so a reader never sees half a file.
    const temporary = `${FAULT_FIGURES_PATH}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(sorted, null, 2)}\n`);
    await rename(temporary, FAULT_FIGURES_PATH);
  });
}

/** Every figure recorded so far (empty when none). */
export async function readFigures(): Promise<FaultFigures> {
  try {
    return JSON.parse(await readFile(FAULT_FIGURES_PATH, 'utf8')) as FaultFigures;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `figures` as a small text table, one figure a line; `since` keeps only those recorded from then on. */
export function formatFigures(figures: FaultFigures, since?: Date): string {
  const rows = Object.entries(figures)
    .filter(([, figure]) => since === undefined || new Date(figure.recordedAt) >= since)
    .map(([name, figure]) => [name, formatValue(figure.value), figure.unit] as const);
  if (rows.length === 0) return '(no fault figures recorded)';
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return rows.map(([name, value, unit]) => `${name.padEnd(width)}  ${value.padStart(valueWidth)} ${unit}`).join('\n');
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      const handle = await open(LOCK_PATH, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(LOCK_PATH).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await rm(LOCK_PATH, { force: true });
      else await sleep(5);
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK_PATH, { force: true });
  }
}
