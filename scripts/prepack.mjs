#!/usr/bin/env node
// `prepack` of a workspace package, run in its folder: copies the named files or folders from the repository root
// (the one LICENSE, the README and docs it links to) so the tarball carries them, then refuses to pack a README whose
// relative links point outside the package.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const root = join(process.cwd(), '..', '..');
for (const name of process.argv.slice(2)) {
  rmSync(name, { recursive: true, force: true }); // no stale copies (a file deleted at the root)
  cpSync(join(root, name), name, { recursive: true });
}

const readme = readFileSync('README.md', 'utf8');
const broken = [];
for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
  if (/^[a-z][a-z0-9+.-]*:|^#/i.test(target)) continue; // absolute URL or anchor
  const path = normalize(target.split('#')[0]);
  if (path.startsWith('..') || !existsSync(join(dirname('README.md'), path))) broken.push(target);
}
if (broken.length > 0) {
  console.error(`README.md links outside the package or to missing files: ${broken.join(', ')}`);
  process.exit(1);
}
