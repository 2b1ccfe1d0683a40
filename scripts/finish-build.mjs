#!/usr/bin/env node
// Finishes the build of a workspace package, run in its folder after `tsc -b tsconfig.lib.json` wrote dist/cjs:
//   dist/cjs/package.json  {"type": "commonjs"}: the compiled .js and .d.ts there are CommonJS, inside a
//                          "type": "module" package;
//   dist/index.js          the ES module entry: it re-exports the CommonJS build, so an app gets one copy of every
//   dist/index.d.ts        class whether it imports or requires the package (Nest's DI matches classes by identity).
import { mkdirSync, writeFileSync } from 'node:fs';

const header = '// The ES module entry: re-exports the CommonJS build, so import and require share one copy of every class.\n';
mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
writeFileSync('dist/index.js', `${header}export * from './cjs/index.js';\n`);
writeFileSync('dist/index.d.ts', `${header}export * from './cjs/index.js';\n`);
