// Runs instance-main.ts in this (child) process: Vite compiles the TypeScript with the project's config, as Vitest
// does, so the child runs the same sources as the test. Usage: node instance-child.mjs '<config json>'.
import { createServer } from 'vite';

const root = new URL('../../', import.meta.url).pathname;
const server = await createServer({
  root,
  configFile: `${root}vitest.config.ts`,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  optimizeDeps: { noDiscovery: true, include: [] },
});
const { runInstance } = await server.ssrLoadModule('/test/fleet/instance-main.ts');
await runInstance(JSON.parse(process.argv[2]));
