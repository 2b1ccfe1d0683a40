#!/usr/bin/env node
// Finishes the build of a workspace package, run in its folder after tsc wrote dist/cjs (the code, CommonJS) and
// dist/esm (declarations, ES modules):
//   dist/cjs/package.json  {"type": "commonjs"}: the .js and .d.ts there are CommonJS inside a "type": "module" package;
//   dist/esm/<entry>.js    one per entry point of package.json `exports` (`import` → ./dist/esm/<entry>.js, `require`
//                          → ./dist/cjs/<entry>.js). It re-exports the CommonJS build instead of being a second copy of
//                          the code, so an app gets one copy of every class whether it imports or requires the package
//                          (or both, through its dependencies): Nest's dependency injection matches classes by identity.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, posix } from 'node:path';

mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

const { exports } = JSON.parse(readFileSync('package.json', 'utf8'));
for (const [entry, conditions] of Object.entries(exports)) {
  const esm = conditions?.import?.default;
  const cjs = conditions?.require?.default;
  if (esm === undefined && cjs === undefined) continue; // e.g. ./package.json
  if (!esm?.startsWith('./dist/esm/') || !cjs?.startsWith('./dist/cjs/')) {
    throw new Error(`exports["${entry}"] must map import → ./dist/esm/… and require → ./dist/cjs/…`);
  }
  const target = posix.relative(posix.dirname(esm), cjs);
  mkdirSync(dirname(esm), { recursive: true });
  writeFileSync(
    esm,
    `// The ES module entry: re-exports the CommonJS build, so import and require share one copy of every class.\nexport * from '${target.startsWith('.') ? target : `./${target}`}';\n`,
  );
}
