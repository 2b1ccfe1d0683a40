import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFigures, readFigures } from './support/fault-figures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIBRARY = join(ROOT, 'libs/wechat-component');
// Written last by the package's build (scripts/finish-build.mjs), and what the children's `import` loads.
const BUILT_ENTRY = join(LIBRARY, 'dist/esm/index.js');

/**
 * Once per test run: builds the library when its dist is missing or older than its sources — the fault suite runs
 * platform instances in child processes (test/faults/fixtures), which load the built package, not the TypeScript
 * sources the rest of the suite runs through Vite — and, at the end, prints the figures the fault suite measured.
 */
export default function setup(): () => Promise<void> {
  const startedAt = new Date();
  buildLibraryIfStale();
  return async () => {
    const table = formatFigures(await readFigures(), startedAt);
    if (!table.startsWith('(')) console.log(`\nFault figures (test/artifacts/fault-figures.json):\n${table}\n`);
  };
}

function buildLibraryIfStale(): void {
  const built = mtimeOf(BUILT_ENTRY);
  const newestSource = Math.max(
    newestMtime(join(LIBRARY, 'src')),
    mtimeOf(join(LIBRARY, 'tsconfig.lib.json')),
    mtimeOf(join(LIBRARY, 'tsconfig.esm-types.json')),
    mtimeOf(join(ROOT, 'tsconfig.base.json')),
    mtimeOf(join(LIBRARY, 'package.json')),
  );
  if (built >= newestSource) return;
  const started = Date.now();
  // The package's own build: the CommonJS code, the ES module declarations and entry (what `npm pack` ships).
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: LIBRARY, stdio: 'inherit' });
  console.log(`Built libs/wechat-component/dist for the fault suite's child processes in ${Date.now() - started} ms`);
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, mtimeOf(path));
  }
  return newest;
}
