import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIB = `${ROOT}libs/wechat-component/src`;

/** The layer rule's findings for `code` as if it were the library file `path`. */
async function layerFindings(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: `${LIB}/${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('the lint rule for one-way layers (eslint.config.js)', () => {
  it('refuses an import that runs back up a layer', async () => {
    const findings = await layerFindings('token/upward.ts', "import { ComponentClient } from '../component/component-client.js';\nexport const c = ComponentClient;\n");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain('token/ sits below');
  });

  it('refuses a type-only import up a layer too', async () => {
    expect(await layerFindings('store/upward.ts', "import type { ComponentEvent } from '../events/component-event.types.js';\nexport type E = ComponentEvent;\n")).toHaveLength(1);
  });

  it('refuses a library folder importing the module or the public entry', async () => {
    expect(await layerFindings('http/upward.ts', "import { WeChatComponentModule } from '../wechat-component.module.js';\nexport const m = WeChatComponentModule;\n")).toHaveLength(1);
  });

  it('lets imports run downwards', async () => {
    const code = "import { TokenKeeper } from '../token/token-keeper.js';\nimport { StoreKeys } from '../store/store-keys.js';\nexport const k = [TokenKeeper, StoreKeys];\n";
    expect(await layerFindings('component/downward.ts', code)).toEqual([]);
  });
});

describe('the library’s own specs', () => {
  it('import nothing from test/ (they run with the library alone)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.spec.ts')) {
          for (const match of readFileSync(path, 'utf8').matchAll(/from '([^']+)'/g)) {
            if (/(^|\/)\.\.\/(\.\.\/)*test\//.test(match[1]!)) offenders.push(`${path.slice(LIB.length)}: ${match[1]}`);
          }
        }
      }
    };
    walk(LIB);
    expect(offenders).toEqual([]);
  });
});

describe('the layer list', () => {
  it('places every folder of the library (a new folder must take its place in a layer)', async () => {
    const { readdirSync } = await import('node:fs');
    // @ts-expect-error eslint.config.js is plain JavaScript without declarations
    const { LAYERS } = (await import('../eslint.config.js')) as { LAYERS: string[][] };
    const folders = readdirSync(LIB, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders).toEqual(LAYERS.flat().sort());
  });
});
