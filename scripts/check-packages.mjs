#!/usr/bin/env node
// `npm run check:packages`: packs both published packages the way `npm publish` would (prepack: a clean build) and
// checks what users get:
//   - publint --strict and @arethetypeswrong/cli (attw, no rules ignored) on each tarball;
//   - the tarball holds README.md, LICENSE and package.json; no tests or build info; every source map
//     points at a file in the tarball; every relative link of the README at a file in the tarball;
//   - `require` and `import` of every entry point of each packed package give the same exports, and the same
//     objects: one copy of every class, whichever module system loads it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';

const PACKAGES = ['nestjs-wechat-component', 'nestjs-wechat-component-sandbox'];
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const work = mkdtempSync(join(tmpdir(), 'check-packages-'));
// PACKS_DIR: also keep the tarballs there (CI hands them to ci/consumers/run.sh as CONSUMERS_PACKS).
const packsDir = process.env.PACKS_DIR;
// The unpacked tarballs go where they can load the repository's installed dependencies, for the require/import check.
const installed = join(root, 'node_modules', '.cache', 'check-packages');
const problems = [];
const run = (command, args, options = {}) => execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });

try {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work, ...PACKAGES.flatMap((name) => ['-w', name])]));
  for (const pack of packed) {
    const tarball = join(work, pack.filename);
    if (packsDir) run('cp', [tarball, packsDir]);
    const files = new Set(pack.files.map((file) => file.path));
    console.log(`== ${pack.name}: ${pack.files.length} files, ${(pack.size / 1024).toFixed(0)} KB packed, ${(pack.unpackedSize / 1024).toFixed(0)} KB unpacked`);

    run('npx', ['--no-install', 'publint', '--strict', tarball], { stdio: 'inherit' });
    run('npx', ['--no-install', 'attw', tarball, '--format', 'table-flipped'], { stdio: 'inherit' });

    for (const required of ['README.md', 'LICENSE', 'package.json']) {
      if (!files.has(required)) problems.push(`${pack.name}: ${required} is not in the tarball`);
    }
    for (const file of files) {
      if (/\.spec\.|tsbuildinfo/.test(file)) problems.push(`${pack.name}: ${file} should not be published`);
    }

    const unpacked = join(installed, 'node_modules', pack.name);
    rmSync(unpacked, { recursive: true, force: true });
    run('mkdir', ['-p', unpacked]);
    run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
    for (const file of files) {
      if (!file.endsWith('.map')) continue;
      const map = JSON.parse(readFileSync(join(unpacked, file), 'utf8'));
      for (const source of map.sources) {
        const target = normalize(join(dirname(file), map.sourceRoot ?? '', source));
        if (target.startsWith('..') || !files.has(target)) problems.push(`${pack.name}: ${file} points at ${target}, not in the tarball`);
      }
    }
    const readme = readFileSync(join(unpacked, 'README.md'), 'utf8');
    for (const [, link] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:|^#/i.test(link)) continue;
      const target = normalize(link.split('#')[0]);
      if (!files.has(target)) problems.push(`${pack.name}: README.md links to ${link}, not in the tarball`);
    }
  }

  // Loads every entry point of the unpacked packages both ways, in a child process so nothing here is reused.
  writeFileSync(
    join(installed, 'compare.mjs'),
    `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const names = (exports) => Object.keys(exports).filter((key) => key !== '__esModule' && key !== 'default').sort();
for (const name of ${JSON.stringify(PACKAGES)}) {
  const { exports } = require(\`\${name}/package.json\`);
  for (const entry of Object.keys(exports).filter((key) => !key.endsWith('.json'))) {
    const specifier = name + entry.slice(1);
    const required = require(specifier);
    const imported = await import(specifier);
    const [cjs, esm] = [names(required), names(imported)];
    if (cjs.join() !== esm.join()) throw new Error(\`\${specifier}: require and import export different names (\${cjs.length} vs \${esm.length})\`);
    const different = cjs.filter((key) => required[key] !== imported[key]);
    if (different.length > 0) throw new Error(\`\${specifier}: require and import give different objects for \${different.join(', ')}\`);
    console.log(\`== \${specifier}: require and import give the same \${cjs.length} exports\`);
  }
}
`,
  );
  try {
    run('node', [join(installed, 'compare.mjs')], { stdio: 'inherit' });
  } catch {
    problems.push('loading the packed packages by require and by import failed (above)');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(installed, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('\n== packages OK');
