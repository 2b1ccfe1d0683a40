import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the fault suite's figures go (test/artifacts is not committed). */
export const FAULT_FIGURES_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts', 'fault-figures.json');

/** One measured figure of the fault suite. */
export interface FaultFigure {
  readonly value: number;
  readonly unit: string;
  /** When it was measured (ISO 8601). */
  readonly at: string;
}

const LOCK_WAIT_MS = 5_000;

/**
 * Records a figure the fault suite measured (refresh tokens lost, upstream calls per minute …) into
 * `test/artifacts/fault-figures.json`, merged with what other spec files recorded: test files run in parallel
 * processes, so the read-merge-write happens under a lock file and the JSON is replaced atomically.
 */
export function recordFigure(name: string, value: number, unit: string): void {
  mkdirSync(dirname(FAULT_FIGURES_FILE), { recursive: true });
  const lock = `${FAULT_FIGURES_FILE}.lock`;
  const release = acquire(lock);
  try {
    const figures = readFigures();
    figures[name] = { value, unit, at: new Date().toISOString() };
    const temporary = `${FAULT_FIGURES_FILE}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(sortedByName(figures), null, 2)}\n`);
    renameSync(temporary, FAULT_FIGURES_FILE);
  } finally {
    release();
  }
}

/** The figures recorded so far (empty when none). */
export function readFigures(): Record<string, FaultFigure> {
  try {
    return JSON.parse(readFileSync(FAULT_FIGURES_FILE, 'utf8')) as Record<string, FaultFigure>;
  } catch {
    return {};
  }
}

function acquire(lock: string): () => void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A writer that died holding the lock must not block every later run.
      if (Date.now() > deadline) {
        rmSync(lock, { force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function sortedByName(figures: Record<string, FaultFigure>): Record<string, FaultFigure> {
  return Object.fromEntries(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));
}
