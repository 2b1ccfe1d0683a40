// One platform instance of the refresh benchmark, in its own process: `node platform-main.js <json settings>`.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ComponentService, WeChatComponentModule } from 'nestjs-wechat-component';
import { serveParent, type ChildMessage } from '../lib/child.js';
import { benchRedis } from '../lib/redis.js';

/** What the runner passes to an instance. */
export interface PlatformSettings {
  readonly sandboxUrl: string;
  readonly componentAppId: string;
  readonly componentAppSecret: string;
  readonly token: string;
  readonly encodingAESKey: string;
  readonly keyPrefix: string;
  readonly concurrency: number;
  readonly rateLimitPerSecond: number;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as PlatformSettings;
const redis = await benchRedis();

@Module({
  imports: [
    WeChatComponentModule.forRoot({
      componentAppId: settings.componentAppId,
      componentAppSecret: settings.componentAppSecret,
      token: settings.token,
      encodingAESKey: settings.encodingAESKey,
      apiBaseUrl: settings.sandboxUrl,
      store: redis.cache,
      keyPrefix: settings.keyPrefix,
      http: { timeoutMs: 30_000 },
      // Passes are started by the runner, all instances at the same moment.
      refresh: { cron: '0 0 0 1 1 *', concurrency: settings.concurrency, maxPerPass: 1_000_000, rateLimitPerSecond: settings.rateLimitPerSecond },
      reconcile: false,
    }),
  ],
})
class RefreshBenchModule {}

const app = await NestFactory.create(RefreshBenchModule, { logger: ['error'], abortOnError: false });
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };

/** Runs `work`, sampling this process's memory every 50 ms meanwhile. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{
  result: T;
  durationMs: number;
  cpuMs: number;
  peakRssBytes: number;
  peakHeapBytes: number;
  heapBeforeBytes: number;
  heapAfterGcBytes: number;
}> {
  global.gc?.();
  const before = process.memoryUsage();
  let peakRssBytes = before.rss;
  let peakHeapBytes = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRssBytes = Math.max(peakRssBytes, now.rss);
    peakHeapBytes = Math.max(peakHeapBytes, now.heapUsed);
  }, 50);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const result = await work();
    const durationMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    global.gc?.();
    const heapAfterGcBytes = process.memoryUsage().heapUsed;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return { result, durationMs, cpuMs, peakRssBytes, peakHeapBytes, heapBeforeBytes: before.heapUsed, heapAfterGcBytes };
  } finally {
    clearInterval(sampler);
  }
}

async function handle(message: ChildMessage): Promise<Record<string, unknown>> {
  if (message.type === 'reconcile') return measured(() => app.get(ComponentService).reconcileAuthorizers());
  if (message.type === 'pass') return measured(() => app.get(ComponentService).refreshDueTokens());
  throw new Error(`unknown request ${message.type}`);
}

serveParent({ port }, handle, async () => {
  await app.close();
  await redis.close();
});
