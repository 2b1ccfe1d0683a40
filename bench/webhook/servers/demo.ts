import { startDemo } from '../../../apps/demo/src/start-demo.js';
import type { BenchServer } from './http-server.js';

/**
 * The demo platform exactly as `npm start` runs it without WeChat credentials: the in-process sandbox (whose
 * credentials the bench's pushes are signed with), the demo's module options, its echo handler and revocation
 * logger, Nest's console logger at every level — with `REDIS_URL`, Redis as the store (and the release campaigns'
 * workers on BullMQ, as the demo runs them then).
 */
export async function startDemoServer(options: { redisUrl?: string; keyPrefix?: string; fleetPrefix?: string } = {}): Promise<BenchServer> {
  const demo = await startDemo({ port: 0, sandboxPort: 0, ...options });
  return { port: Number(new URL(demo.url).port), close: () => demo.close() };
}
