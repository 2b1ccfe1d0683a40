import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** A target of the issue, as measured. */
export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
  /** Why, when it is missed (or how it is reached). */
  readonly note?: string;
}

/** The repository root (the runner lives in `dist/bench/bench/lib/`). */
export function repositoryRoot(): string {
  return fileURLToPath(new URL('../../../../', import.meta.url));
}

/** Where results go: `bench/results/` of the repository. */
export function resultsDirectory(): string {
  return `${repositoryRoot()}bench/results/`;
}

/** Writes `bench/results/<time>-<name>.json`; returns its path relative to the repository. */
export function writeResult(name: string, data: unknown): string {
  const directory = resultsDirectory();
  mkdirSync(directory, { recursive: true });
  const at = new Date().toISOString();
  const file = `${at.replace(/[:.]/g, '-')}-${name}.json`;
  writeFileSync(`${directory}${file}`, `${JSON.stringify({ name, at, ...(data as object) }, null, 2)}\n`);
  return `bench/results/${file}`;
}

/** The code the numbers come from: the commit, and whether the working tree had changes on top of it. */
export function codeVersion(): { commit: string; dirty: boolean } {
  // For a copy of the code outside git (e.g. an older commit measured with this bench): say which it is.
  if (process.env.BENCH_CODE_VERSION) return { commit: process.env.BENCH_CODE_VERSION, dirty: false };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repositoryRoot(), encoding: 'utf8' }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no', '--', 'libs', 'apps', 'bench').length > 0 };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

/** The machine the numbers come from, with its load averages (1, 5, 15 minutes) now. */
export function machine(): Record<string, unknown> {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** Prints rows as a fixed-width table. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(cells[0]!));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}
