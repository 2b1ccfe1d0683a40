import { type INestApplication, Module, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Cache } from 'cache-manager';
import type { WeChatComponentModuleOptions } from 'nestjs-wechat-component';
import { startSandbox } from '../../apps/sandbox/src/index.js';
import { type ChildMessage, serveParent } from './child.js';
import { benchRedis } from './redis.js';

/** What a runner passes to every platform instance: the sandbox as WeChat, and a key prefix of the run's own. */
export interface BenchPlatformSettings {
  readonly sandboxUrl: string;
  readonly componentAppId: string;
  readonly componentAppSecret: string;
  readonly token: string;
  readonly encodingAESKey: string;
  readonly keyPrefix: string;
}

/** Answers one of the runner's requests. */
export type BenchRequestHandler = (message: ChildMessage) => Promise<Record<string, unknown>>;

// January 1st at midnight: the scheduled refresh never runs by itself during a run; the runner starts the passes.
const NEVER = '0 0 0 1 1 *';

/**
 * The module options every platform instance shares: the sandbox as WeChat, the bench's Redis as the store, no
 * scheduled work of its own (passes are started by the runner, all instances at once) and no reconciliation.
 */
export function benchComponentOptions(
  settings: BenchPlatformSettings,
  store: Cache,
  refresh: { readonly concurrency: number; readonly rateLimitPerSecond: number },
): WeChatComponentModuleOptions {
  return {
    componentAppId: settings.componentAppId,
    componentAppSecret: settings.componentAppSecret,
    token: settings.token,
    encodingAESKey: settings.encodingAESKey,
    apiBaseUrl: settings.sandboxUrl,
    store,
    keyPrefix: settings.keyPrefix,
    refresh: { cron: NEVER, maxPerPass: 1_000_000, ...refresh },
    reconcile: false,
  };
}

/**
 * One platform instance of a benchmark, in its own process (`node platform-main.js <json settings>`): a Nest app
 * importing `imports(settings, store)` listens on a loopback port, announced to the runner; `handlerOf(app)` answers
 * the runner's requests; on `stop` the app and the bench's Redis are closed.
 */
export async function servePlatform<S extends BenchPlatformSettings>(
  imports: (settings: S, store: Cache) => NonNullable<ModuleMetadata['imports']>,
  handlerOf: (app: INestApplication) => BenchRequestHandler,
): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '{}') as S;
  const redis = await benchRedis();

  @Module({ imports: imports(settings, redis.cache) })
  class BenchPlatformModule {}

  const app = await NestFactory.create(BenchPlatformModule, { logger: ['error'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  serveParent({ port }, handlerOf(app), async () => {
    await app.close();
    await redis.close();
  });
}

/**
 * The sandbox (simulated WeChat) of a benchmark, in its own process: started with `options`, announced to the runner
 * with its URL and the component's credentials; `handle` answers the runner's requests; stopped on `stop`.
 */
export async function serveSandbox(options: Parameters<typeof startSandbox>[0], handle: BenchRequestHandler = async () => ({})): Promise<void> {
  const sandbox = await startSandbox(options);
  serveParent(
    {
      url: sandbox.url,
      componentAppId: sandbox.componentAppId,
      componentAppSecret: sandbox.componentAppSecret,
      token: sandbox.token,
      encodingAESKey: sandbox.encodingAESKey,
    },
    handle,
    () => sandbox.stop(),
  );
}
