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

/** Where results go: `bench/results/` of the repository (the runner lives in `dist/bench/bench/`). */
export function resultsDirectory(): string {
  return fileURLToPath(new URL('../../../../bench/results/', import.meta.url));
}

/** Writes `bench/results/<name>-<timestamp>.json` and `<name>-latest.json`; returns the first path. */
export function writeResult(name: string, data: unknown): string {
  const directory = resultsDirectory();
  mkdirSync(directory, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const body = `${JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), ...(data as object) }, null, 2)}\n`;
  const path = `${directory}${name}-${stamp}.json`;
  writeFileSync(path, body);
  writeFileSync(`${directory}${name}-latest.json`, body);
  return path;
}

/** The machine the numbers come from. */
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
