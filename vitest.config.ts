import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Nest's dependency injection reads the decorator metadata TypeScript emits; Vite's oxc transform emits it too.
  oxc: {
    decorator: { legacy: true, emitDecoratorMetadata: true },
    typescript: { onlyRemoveTypeImports: false },
  },
  resolve: {
    // The package and its subpath entries (`nestjs-wechat-component/testing`, …), from the library's sources.
    alias: [
      {
        find: /^nestjs-wechat-component\/([a-z-]+)$/,
        replacement: fileURLToPath(new URL('./libs/wechat-component/src/$1/index.ts', import.meta.url)),
      },
      { find: /^nestjs-wechat-component$/, replacement: fileURLToPath(new URL('./libs/wechat-component/src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['libs/*/src/**/*.spec.ts', 'apps/*/src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Builds the library for the fault suite's child processes when stale; prints the fault figures at the end.
    globalSetup: ['test/global-setup.ts'],
  },
});
