// A webhook server of the benchmark in its own process: `node server-main.js <kind>`; the runner drives it over loopback.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { serveParent } from '../lib/child.js';
import { benchRedis, deleteKeys, REDIS_URL } from '../lib/redis.js';
import { startBareServer } from './servers/bare.js';
import { startDemoServer } from './servers/demo.js';
import type { BenchServer } from './servers/http-server.js';
import { startModuleServer } from './servers/module.js';
import { startNestWeChatServer } from './servers/nest-wechat.js';
import { startWeChatCryptoServer } from './servers/wechat-crypto.js';
import { startXml2jsFloorServer } from './servers/xml2js-floor.js';

async function start(kind: string): Promise<BenchServer> {
  switch (kind) {
    case 'xml2js-floor':
      return startXml2jsFloorServer();
    case 'bare':
      return startBareServer();
    case 'demo':
      return startDemoServer();
    case 'demo-redis': {
      // Key prefixes of its own, deleted afterwards: runs never see each other's markers (nor anyone's release jobs).
      const keyPrefix = `bench-demo-${randomUUID()}`;
      const fleetPrefix = `${keyPrefix}-fleet`;
      const server = await startDemoServer({ redisUrl: REDIS_URL, keyPrefix, fleetPrefix });
      return { port: server.port, close: async () => (await server.close(), await cleanUp(keyPrefix)) };
    }
    case 'fastify':
      return startModuleServer({ adapter: 'fastify' });
    case 'express-nest-route':
      return startModuleServer({ adapter: 'express', fastPath: false });
    case 'fastify-nest-route':
      return startModuleServer({ adapter: 'fastify', fastPath: false });
    case 'wechat-crypto':
      return startWeChatCryptoServer();
    case 'nest-wechat':
      return startNestWeChatServer();
    default:
      throw new Error(`unknown server kind ${kind}`);
  }
}

async function cleanUp(keyPrefix: string): Promise<void> {
  const redis = await benchRedis();
  await deleteKeys(redis.client, `${keyPrefix}*`); // the module's keys and the release campaigns'
  await redis.close();
}

const server = await start(process.argv[2] ?? '');
serveParent(
  { port: server.port },
  async () => {
    const cpu = process.cpuUsage();
    return { cpuMicros: cpu.user + cpu.system, rssBytes: process.memoryUsage().rss };
  },
  () => server.close(),
);
