// One platform instance of the refresh benchmark, in its own process: `node platform-main.js <json settings>`.
import 'reflect-metadata';
import { ComponentService, WeChatComponentModule } from 'nestjs-wechat-component';
import { benchComponentOptions, type BenchPlatformSettings, servePlatform } from '../lib/entry-points.js';

/** What the runner passes to an instance. */
export interface PlatformSettings extends BenchPlatformSettings {
  readonly concurrency: number;
  readonly rateLimitPerSecond: number;
}

await servePlatform<PlatformSettings>(
  (settings, store) => [
    WeChatComponentModule.forRoot({
      ...benchComponentOptions(settings, store, { concurrency: settings.concurrency, rateLimitPerSecond: settings.rateLimitPerSecond }),
      http: { timeoutMs: 30_000 },
    }),
  ],
  (app) => async (message) => {
    if (message.type === 'reconcile') return measured(() => app.get(ComponentService).reconcileAuthorizers());
    if (message.type === 'pass') return measured(() => app.get(ComponentService).refreshDueTokens());
    throw new Error(`unknown request ${message.type}`);
  },
);

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
