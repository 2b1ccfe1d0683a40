#!/usr/bin/env node
// Finishes the build of a workspace package, run in its folder after tsc wrote dist/cjs (the code, CommonJS) and
// dist/esm (declarations, ES modules):
//   dist/cjs/package.json  {"type": "commonjs"}: the .js and .d.ts there are CommonJS inside a "type": "module" package;
//   dist/esm/index.js      the ES module entry. It re-exports the CommonJS build instead of being a second copy of
//                          the code, so an app gets one copy of every class whether it imports or requires the package
//                          (or both, through its dependencies): Nest's dependency injection matches classes by identity.
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('dist/cjs', { recursive: true });
mkdirSync('dist/esm', { recursive: true });
writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
writeFileSync(
  'dist/esm/index.js',
  "// The ES module entry: re-exports the CommonJS build, so import and require share one copy of every class.\nexport * from '../cjs/index.js';\n",
);
