import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The group rules written in libs/wechat-component/src/apis/common.ts, checked on the source so they cannot drift:
// every method links WeChat's page, types live in <group>.types.ts without the envelope, and a group's file calls
// the endpoints of the sandbox controller of the same name (the split of wxa and message follows the sandbox's).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIBRARY = join(ROOT, 'libs/wechat-component/src');
const GROUP_FOLDERS = [join(LIBRARY, 'authorizer/apis'), join(LIBRARY, 'component/apis')];
const SANDBOX_CONTROLLERS = join(ROOT, 'apps/sandbox/src/authorizer-api');
const PREFIXES = '(?:cgi-bin|wxa|wxaapi|sns|datacube|customservice|connect|safe|wxaopen|wxopen)';

/** Groups whose sandbox controller has another name. */
const CONTROLLER_OF: Record<string, string> = { domain: 'direct-domain', 'icp-catalog': 'icp' };
/**
 * Endpoints a group calls that the sandbox serves elsewhere on purpose: pages on mp.weixin.qq.com, the quota
 * endpoints it answers once for both tokens, and `user/tag/get`, which WeChat lists under tags but serves under users.
 */
const SERVED_ELSEWHERE = new Set(['/cgi-bin/showqrcode', '/wxopen/componentrebindadmin', '/cgi-bin/fastregisterauth', '/cgi-bin/clear_quota', '/cgi-bin/openapi/quota/get', '/cgi-bin/user/tag/get']);

/** Types that carry an `errcode` as data, not as the envelope: each hint of a refused ICP filing names its error. */
const CARRIES_ERRCODE = new Set(['IcpHint']);

const groupFiles = (suffix: string): string[] =>
  GROUP_FOLDERS.flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith(suffix)).map((name) => join(folder, name)));
const withoutComments = (code: string): string => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** The public methods of the classes in `source`, each with the TSDoc right above it. */
function methods(source: string): Array<{ name: string; doc: string }> {
  return [...source.matchAll(/^ {2}(?:async \*?|\*)?([a-zA-Z0-9]+)\(/gm)]
    .filter((match) => match[1] !== 'constructor')
    .map((match) => {
      const before = source.slice(0, match.index).trimEnd();
      return { name: match[1]!, doc: before.endsWith('*/') ? before.slice(before.lastIndexOf('/**')) : '' };
    });
}

/** The paths a group's code calls (string literals, and the reports of `datacube`). */
function calledPaths(source: string): string[] {
  const code = withoutComments(source);
  const paths = [...code.matchAll(new RegExp(`['\`](/${PREFIXES}/[a-z0-9_/]*)['\`]`, 'g'))].map((match) => match[1]!);
  const reports = [...code.matchAll(/this\.report(?:<[^>]*>)?\('([a-z]+)'/g)].map((match) => `/datacube/${match[1]}`);
  return [...new Set([...paths, ...reports])];
}

/** The routes of a sandbox controller file, as patterns (`:param` segments match any segment). */
function routes(controllerFile: string): RegExp[] {
  const patterns: RegExp[] = [];
  let prefix = '';
  for (const match of readFileSync(controllerFile, 'utf8').matchAll(/@Controller\((?:'([^']*)')?\)|@(?:Get|Post|All)\((?:'([^']*)')?\)/g)) {
    if (match[0].startsWith('@Controller')) prefix = match[1] ?? '';
    else patterns.push(new RegExp(`^/${[prefix, match[2] ?? ''].filter(Boolean).join('/').replace(/:[a-zA-Z]+/g, '[^/]+')}$`));
  }
  return patterns;
}

describe('API groups follow the rules of apis/common.ts', () => {
  it('finds the groups and their methods (a sanity check of the scan itself)', () => {
    const all = groupFiles('.api.ts').flatMap((file) => methods(readFileSync(file, 'utf8')));
    expect(groupFiles('.api.ts').length).toBeGreaterThan(35);
    expect(all.length).toBeGreaterThan(200);
    expect(all.map((method) => method.name)).toEqual(expect.arrayContaining(['submitAudit', 'sendText', 'getFollowers', 'generateScheme']));
  });

  it("every method names its endpoint (or says it makes no call) and links WeChat's page", () => {
    const missing = groupFiles('.api.ts').flatMap((file) =>
      methods(readFileSync(file, 'utf8'))
        .filter(({ doc }) => !doc.includes('@see https://developers.weixin.qq.com/') || !/`(GET|POST) [^`]+`|no call/.test(doc))
        .map(({ name }) => `${relative(LIBRARY, file)} ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('group files declare no types; the answer types in <group>.types.ts carry no envelope', () => {
    const typesInGroupFiles = groupFiles('.api.ts').filter((file) => /^export (interface|type) /m.test(readFileSync(file, 'utf8')));
    expect(typesInGroupFiles.map((file) => relative(LIBRARY, file))).toEqual([]);
    const envelopes = groupFiles('.types.ts').flatMap((file) =>
      [...withoutComments(readFileSync(file, 'utf8')).matchAll(/^export interface (\w+)[^{]*\{([\s\S]*?)^\}/gm)]
        .filter(([, name, body]) => !CARRIES_ERRCODE.has(name!) && /^ {2}(readonly )?err(code|msg)\??:/m.test(body!))
        .map(([, name]) => `${relative(LIBRARY, file)} ${name}`),
    );
    expect(envelopes).toEqual([]);
  });

  it('a group file calls the endpoints of the sandbox controller of its name (wxa-audit.api.ts → wxa-audit.controller.ts)', () => {
    const misplaced: string[] = [];
    for (const file of groupFiles('.api.ts').filter((path) => path.includes('authorizer/apis'))) {
      const group = basename(file, '.api.ts');
      const paths = calledPaths(readFileSync(file, 'utf8')).filter((path) => !SERVED_ELSEWHERE.has(path));
      if (paths.length === 0) continue;
      const controller = join(SANDBOX_CONTROLLERS, `${CONTROLLER_OF[group] ?? group}.controller.ts`);
      if (!existsSync(controller)) {
        misplaced.push(`${group}: no sandbox controller of that name`);
        continue;
      }
      const served = routes(controller);
      for (const path of paths) if (!served.some((route) => route.test(path))) misplaced.push(`${group}: ${path}`);
    }
    expect(misplaced).toEqual([]);
  });
});
