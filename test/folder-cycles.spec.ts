import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../libs/wechat-component/src/', import.meta.url));

/** The library's folders and which other folders each imports (specs left out). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        const from = folderOf(relative(SRC, path));
        for (const match of readFileSync(path, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
          const to = folderOf(relative(SRC, normalize(join(dirname(path), match[1]!))));
          if (to !== from) (graph.get(from) ?? graph.set(from, new Set()).get(from)!).add(to);
        }
      }
    }
  };
  walk(SRC);
  return graph;
}

function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : '(root)';
}

describe('the library’s folders', () => {
  it('import one another without a cycle (dependencies run one way)', () => {
    const graph = folderGraph();
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]): void => {
      state.set(folder, 'open');
      for (const next of graph.get(folder) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next, [...path, next]);
      }
      state.set(folder, 'done');
    };
    for (const folder of graph.keys()) if (!state.has(folder)) visit(folder, [folder]);
    expect(cycles).toEqual([]);
  });
});
