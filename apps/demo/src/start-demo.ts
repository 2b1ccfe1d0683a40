import { ConsoleLogger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { caching, type Cache } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
import { type RunningSandbox, startSandbox } from '../../sandbox/src/index.js';
import { AppModule, type DemoWeChatSettings } from './app.module.js';
import type { DemoConfig } from './demo.config.js';

/** A running demo platform. */
export interface RunningDemo {
  readonly app: INestApplication;
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** The in-process sandbox, when the demo runs without WeChat credentials. */
  readonly sandbox?: RunningSandbox;
  close(): Promise<void>;
}

/**
 * Starts the demo platform. Without WeChat credentials it first starts the sandbox in this process, points the
 * module at it, and tells the sandbox where to push.
 */
export async function startDemo(config: DemoConfig, options: { logger?: LoggerService | false } = {}): Promise<RunningDemo> {
  const sandbox = config.wechat ? undefined : await startLocalSandbox(config.sandboxPort);
  const store = config.redisUrl ? await redisCache(config.redisUrl, options.logger) : undefined;
  const app = await NestFactory.create(
    AppModule.register({
      wechat: config.wechat ?? sandboxSettings(sandbox!),
      store,
      refreshCron: config.refreshCron,
      refreshAheadSeconds: config.refreshAheadSeconds,
      ...(config.keyPrefix ? { keyPrefix: config.keyPrefix } : {}),
      // Release campaigns run on BullMQ, so only with Redis.
      ...(config.redisUrl ? { fleet: { redisUrl: config.redisUrl, ...(config.fleetPrefix ? { prefix: config.fleetPrefix } : {}), onSandbox: !config.wechat } } : {}),
    }),
    // An explicit logger: Nest's logger is process-wide, and the sandbox started above silenced it.
    { logger: options.logger ?? new ConsoleLogger(), abortOnError: false },
  );
  await app.listen(config.port, '0.0.0.0');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  sandbox?.setPushTargets({
    eventUrl: `${url}/wechat/component/events`,
    messageUrl: `${url}/wechat/component/messages/$APPID$`,
  });
  return { app, url, sandbox, close: () => close(app, sandbox, store) };
}

/**
 * A cache-manager Cache over Redis whose client reports its errors instead of ending the process (an unhandled
 * `error` event would): during an outage the demo keeps serving and `/health` says `down`.
 */
async function redisCache(url: string, logger: LoggerService | false | undefined): Promise<Cache> {
  const cache = await caching(redisStore, { url });
  const client = (cache.store as unknown as { client: RedisClientEvents }).client;
  let reported = false;
  client.on('error', (error: Error) => {
    if (reported) return; // once per outage, not once per reconnection attempt
    reported = true;
    if (logger !== false) (logger ?? new ConsoleLogger('Demo')).error(`Redis: ${error.message}`);
  });
  client.on('ready', () => {
    reported = false;
  });
  return cache;
}

interface RedisClientEvents {
  on(event: 'error' | 'ready', listener: (error: Error) => void): unknown;
}

/** The in-process sandbox on `port` (a fixed port is easier to open in a browser), or any free port if taken. */
async function startLocalSandbox(port: number | undefined): Promise<RunningSandbox> {
  try {
    return await startSandbox({ port: port ?? 0 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startSandbox({ port: 0 });
  }
}

function sandboxSettings(sandbox: RunningSandbox): DemoWeChatSettings {
  return {
    componentAppId: sandbox.componentAppId,
    componentAppSecret: sandbox.componentAppSecret,
    token: sandbox.token,
    encodingAESKey: sandbox.encodingAESKey,
    apiBaseUrl: sandbox.apiBaseUrl,
    mpBaseUrl: sandbox.mpBaseUrl,
    openBaseUrl: sandbox.openBaseUrl,
  };
}

async function close(app: INestApplication, sandbox: RunningSandbox | undefined, store: Cache | undefined): Promise<void> {
  await app.close();
  await sandbox?.stop();
  const client = (store?.store as { client?: { quit?: () => Promise<unknown> } } | undefined)?.client;
  await client?.quit?.();
}
