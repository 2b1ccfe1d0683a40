// A webhook server of the benchmark in its own process: `node server-main.js <kind>`; the runner drives it over loopback.
import 'reflect-metadata';
import { serveParent } from '../lib/child.js';
import { benchRedis } from '../lib/redis.js';
import { startBareServer } from './servers/bare.js';
import type { BenchServer } from './servers/http-server.js';
import { startModuleServer } from './servers/module.js';
import { startNestWeChatServer } from './servers/nest-wechat.js';
import { startWeChatCryptoServer } from './servers/wechat-crypto.js';

async function start(kind: string): Promise<BenchServer> {
  switch (kind) {
    case 'bare':
      return startBareServer();
    case 'module':
      return startModuleServer();
    case 'module-fast':
      return startModuleServer({ fastPath: true });
    case 'module-redis':
    case 'module-redis-fast': {
      const redis = await benchRedis();
      const server = await startModuleServer({ store: redis.cache, keyPrefix: redis.keyPrefix, fastPath: kind.endsWith('-fast') });
      return { port: server.port, close: async () => (await server.close(), await redis.close()) };
    }
    case 'wechat-crypto':
      return startWeChatCryptoServer();
    case 'nest-wechat':
      return startNestWeChatServer();
    default:
      throw new Error(`unknown server kind ${kind}`);
  }
}

const server = await start(process.argv[2] ?? '');
serveParent(
  { port: server.port },
  async () => ({ rssBytes: process.memoryUsage().rss }),
  () => server.close(),
);
