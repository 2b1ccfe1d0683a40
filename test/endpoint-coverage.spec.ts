import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { startTestSandbox } from './support/platform.js';

// Every path the library calls (or sends people to) is answered by the sandbox and listed in docs/api-coverage.md,
// and the doc lists nothing else: the coverage doc and the simulator cannot drift from the code.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIBRARY = join(ROOT, 'libs/wechat-component/src');
const PREFIXES = '(?:cgi-bin|wxa|wxaapi|sns|datacube|customservice|connect|safe|wxaopen|wxopen)';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The paths in the library's code (comments left out): string literals, URLs built on a base, datacube reports. */
export function libraryPaths(): string[] {
  const paths = new Set<string>();
  for (const file of sources(LIBRARY)) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const match of code.matchAll(new RegExp(`['\`](/${PREFIXES}/[a-z0-9_/]*)['\`]`, 'g'))) paths.add(match[1]!);
    for (const match of code.matchAll(new RegExp(`\\}(/${PREFIXES}/[a-z0-9_/]*)`, 'g'))) paths.add(match[1]!);
    for (const match of code.matchAll(/this\.report(?:<[^>]*>)?\('([a-z]+)'/g)) paths.add(`/datacube/${match[1]}`);
  }
  return [...paths].sort();
}

/** The paths listed in the endpoint appendix of docs/api-coverage.md. */
function documentedPaths(): string[] {
  const doc = readFileSync(join(ROOT, 'docs/api-coverage.md'), 'utf8');
  const appendix = doc.slice(doc.indexOf('## Every endpoint'));
  return [...appendix.matchAll(/^- `([^`]+)`/gm)].map((match) => match[1]!).sort();
}

describe('endpoint coverage', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());

  it('finds the endpoints of every group (a sanity check of the scan itself)', () => {
    const paths = libraryPaths();
    expect(paths.length).toBeGreaterThan(200);
    for (const known of ['/cgi-bin/component/api_query_auth', '/datacube/getusersummary', '/wxa/icp/apply_icp_filing', '/cgi-bin/componentloginpage', '/connect/oauth2/authorize']) {
      expect(paths).toContain(known);
    }
  });

  it('every path the library calls is routed in the sandbox (not a framework 404)', async () => {
    const unrouted: string[] = [];
    for (const path of libraryPaths()) {
      let routed = false;
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${sandbox.url}${path}`, { method, redirect: 'manual', ...(method === 'POST' ? { body: '{}' } : {}) });
        const text = await response.text();
        if (!(response.status === 404 && text.includes(`Cannot ${method}`))) routed = true;
      }
      if (!routed) unrouted.push(path);
    }
    expect(unrouted).toEqual([]);
  });

  it('docs/api-coverage.md lists exactly the paths the library calls', () => {
    expect(documentedPaths()).toEqual(libraryPaths());
  });
});
