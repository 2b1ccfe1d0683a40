// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * The library's layers, top to bottom: a folder may import its own layer's folders and any layer below, never one
 * above (README, "Layout"). `(root)` is the module, its provider factories and the public entry; `fleet`, `health`
 * and `testing` are entries of their own built on the rest. Within a layer, imports must not form a cycle.
 */
export const LAYERS = [
  ['fleet', 'health', 'testing'],
  ['webhook'],
  ['events', 'messages'],
  ['push', 'authorizer'],
  ['component'],
  ['token'],
  ['apis', 'http'],
  ['options'],
  ['store'],
  ['crypto', 'xml', 'common', 'errors'],
];
const LIB = 'libs/wechat-component/src';
const layerZones = LAYERS.flatMap((layer, depth) =>
  layer.map((folder) => ({
    target: `./${LIB}/${folder}/**`,
    from: LAYERS.slice(0, depth).flat().map((above) => `./${LIB}/${above}/**`).concat(`./${LIB}/*.ts`),
    message: `${folder}/ sits below these folders: import downwards only (README, "Layout").`,
  })),
);

export default tseslint.config(
  { ignores: ['dist/**', '**/dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The published module: no `any` in what users see and no stray console output (it logs through Nest's Logger).
    files: ['libs/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // One-way layers and no import cycles in the library (README, "Layout"); specs are left out.
    files: [`${LIB}/**/*.ts`],
    ignores: ['**/*.spec.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'libs/wechat-component/tsconfig.json' })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
