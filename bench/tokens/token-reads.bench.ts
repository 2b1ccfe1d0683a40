import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { caching, type Cache } from 'cache-manager';
import { AuthorizerClientFactory, ComponentService, WeChatComponentModule } from 'nestjs-wechat-component';
import { startSandbox, type RunningSandbox } from '../../apps/sandbox/src/index.js';
import { benchRedis } from '../lib/redis.js';
import { percentile, round } from '../lib/stats.js';

/** Settings of the token-read benchmark. */
export interface TokenBenchOptions {
  /** Sequential reads per operation and store. */
  readonly reads: number;
  /** Reads in flight at once for the throughput figure. */
  readonly concurrency: number;
}

/** One operation's figures. */
export interface ReadFigures {
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Reads per second with `concurrency` in flight. */
  readonly throughput: number;
}

/** A store's three operations and the module's ratios against the raw store `get`. */
export interface TokenStoreResult {
  readonly store: 'memory' | 'redis';
  readonly rawGet: ReadFigures;
  readonly componentToken: ReadFigures;
  readonly authorizerToken: ReadFigures;
  /** Module mean latency / raw mean latency (target for Redis: ≤ 1.2). */
  readonly ratioMean: number;
  readonly ratioP99: number;
  /** Raw throughput / module throughput, with `concurrency` reads in flight (≥ 1: how much more work a read costs). */
  readonly ratioThroughput: number;
}

type Read = () => Promise<unknown>;

/**
 * `getAccessToken()` for a fresh token (component and authorizer) against a raw `get` of the same key on the same
 * store client, memory and Redis, in one process. Tokens are obtained for real from an in-process sandbox first; the
 * reads then never leave the store.
 */
export async function benchTokenReads(options: TokenBenchOptions): Promise<TokenStoreResult[]> {
  const sandbox = await startSandbox({ ticketIntervalSeconds: 0, seedAccounts: false });
  try {
    const memory = await caching('memory', { max: 1000, ttl: 0 });
    const results = [await measureStore('memory', sandbox, memory, 'bench-memory', (key) => memory.get(key), options)];
    const redis = await benchRedis();
    try {
      results.push(await measureStore('redis', sandbox, redis.cache, redis.keyPrefix, (key) => redis.client.get(key), options));
    } finally {
      await redis.close();
    }
    return results;
  } finally {
    await sandbox.stop();
  }
}

async function measureStore(
  store: 'memory' | 'redis',
  sandbox: RunningSandbox,
  cache: Cache,
  keyPrefix: string,
  rawGet: (key: string) => Promise<unknown>,
  options: TokenBenchOptions,
): Promise<TokenStoreResult> {
  const app = await platform(sandbox, cache, keyPrefix);
  try {
    const component = app.get(ComponentService);
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    await component.queryAuth((await sandbox.client.authorize(appId, { push: false })).authorizationCode);
    await component.getAccessToken();
    const client = await app.get(AuthorizerClientFactory).getClient(appId);
    const componentKey = `${keyPrefix}:${sandbox.componentAppId}:token:component`;
    if ((await rawGet(componentKey)) === undefined) throw new Error('the component token is not where the benchmark reads it');

    const reads: Record<'raw' | 'component' | 'authorizer', Read> = {
      raw: () => rawGet(componentKey),
      component: () => component.getAccessToken(),
      authorizer: () => client.getAccessToken(),
    };
    const figures = await interleaved(reads, options);
    return {
      store,
      rawGet: figures.raw,
      componentToken: figures.component,
      authorizerToken: figures.authorizer,
      ratioMean: round(figures.component.meanUs / figures.raw.meanUs, 3),
      ratioP99: round(figures.component.p99Us / figures.raw.p99Us, 3),
      ratioThroughput: round(figures.raw.throughput / figures.component.throughput, 3),
    };
  } finally {
    await app.close();
  }
}

/** Measures each read in alternating blocks (so machine load drifts hit all alike), then throughput. */
async function interleaved<K extends string>(reads: Record<K, Read>, options: TokenBenchOptions): Promise<Record<K, ReadFigures>> {
  const names = Object.keys(reads) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (const name of names) for (let i = 0; i < 2000; i++) await reads[name](); // warm-up
  const blocks = 10;
  for (let block = 0; block < blocks; block++) {
    for (const name of names) {
      const read = reads[name];
      for (let i = 0; i < options.reads / blocks; i++) {
        const started = process.hrtime.bigint();
        await read();
        samples[name].push(Number(process.hrtime.bigint() - started) / 1000);
      }
    }
  }
  const result = {} as Record<K, ReadFigures>;
  for (const name of names) {
    const sorted = samples[name].sort((a, b) => a - b);
    result[name] = {
      meanUs: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length, 2),
      p50Us: round(percentile(sorted, 0.5), 2),
      p99Us: round(percentile(sorted, 0.99), 2),
      throughput: Math.round(await throughput(reads[name], options.concurrency, options.reads)),
    };
  }
  return result;
}

async function throughput(read: Read, concurrency: number, total: number): Promise<number> {
  let left = total;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await read();
    }),
  );
  return (total / (performance.now() - started)) * 1000;
}

async function platform(sandbox: RunningSandbox, store: Cache, keyPrefix: string): Promise<INestApplication> {
  @Module({
    imports: [
      WeChatComponentModule.forRoot({
        componentAppId: sandbox.componentAppId,
        componentAppSecret: sandbox.componentAppSecret,
        token: sandbox.token,
        encodingAESKey: sandbox.encodingAESKey,
        apiBaseUrl: sandbox.apiBaseUrl,
        store,
        keyPrefix,
        refresh: false,
        reconcile: false,
      }),
    ],
  })
  class TokenBenchModule {}
  const app = await NestFactory.create(TokenBenchModule, { logger: ['error'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  sandbox.setPushTargets({ eventUrl: `http://127.0.0.1:${port}/wechat/component/events` });
  await sandbox.client.pushTicket();
  return app;
}
