import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Cache } from 'cache-manager';
import { AuthorizerClientFactory, ComponentService, WeChatComponentModule } from 'nestjs-wechat-component';
import { startSandbox, type RunningSandbox } from '../../apps/sandbox/src/index.js';
import { createStoreBackend } from '../../libs/wechat-component/src/store/create-store-backend.js';
import { LeaseLock } from '../../libs/wechat-component/src/store/lease-lock.js';
import { MemoryStoreBackend } from '../../libs/wechat-component/src/store/memory-store-backend.js';
import type { StoreBackend } from '../../libs/wechat-component/src/store/store-backend.js';
import { StoreKeys } from '../../libs/wechat-component/src/store/store-keys.js';
import { TokenKeeper } from '../../libs/wechat-component/src/token/token-keeper.js';
import { benchRedis } from '../lib/redis.js';
import { median, percentile, round, type Spread, spread } from '../lib/stats.js';

/** Settings of the token-read benchmark. */
export interface TokenBenchOptions {
  /** Sequential reads per operation and store. */
  readonly reads: number;
  /** Reads in flight at once for the throughput figure. */
  readonly concurrency: number;
}

/** One operation's figures. */
export interface ReadFigures {
  /** Median of every read, in µs, with the lowest and highest median of the 10 alternating blocks. */
  readonly medianUs: Spread;
  readonly meanUs: number;
  readonly p99Us: number;
  /** Reads per second with `concurrency` in flight. */
  readonly throughput: number;
}

/** A store's reads and the module's ratios against the raw store get, at the median. */
export interface TokenStoreResult {
  readonly store: 'memory' | 'redis';
  /** The store's own get of the token's key: node-redis `GET` (the string), or the memory store's `get`. */
  readonly rawGet: ReadFigures;
  /** `ComponentService.getAccessToken()` as the module ships (the token held in the process after the first read). */
  readonly componentToken: ReadFigures;
  /** An `AuthorizerClient`'s `getAccessToken()`, likewise. */
  readonly authorizerToken: ReadFigures;
  /** The module's token read with nothing held in the process: every read goes to the store. */
  readonly componentTokenUncached: ReadFigures;
  /** componentToken / rawGet at the median (Redis target ≤ 0.05). */
  readonly ratioMedian: number;
  /** componentTokenUncached / rawGet at the median (Redis target ≤ 1.1). */
  readonly ratioUncachedMedian: number;
}

type Read = () => Promise<unknown>;

/**
 * `getAccessToken()` for a fresh token (component and authorizer) against a raw get of the same key on the same
 * store, memory and Redis, in one process; and the module's read with nothing held in the process (a `TokenKeeper`
 * built as the module builds it, holding nothing). Tokens are obtained for real from an in-process sandbox first.
 */
export async function benchTokenReads(options: TokenBenchOptions): Promise<TokenStoreResult[]> {
  const sandbox = await startSandbox({ ticketIntervalSeconds: 0, seedAccounts: false });
  try {
    const results = [await measureStore('memory', sandbox, undefined, 'bench-memory', options)];
    const redis = await benchRedis();
    try {
      results.push(await measureStore('redis', sandbox, redis.cache, redis.keyPrefix, options));
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
  cache: Cache | undefined,
  keyPrefix: string,
  options: TokenBenchOptions,
): Promise<TokenStoreResult> {
  const app = await platform(sandbox, cache, keyPrefix);
  try {
    const component = app.get(ComponentService);
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    await component.queryAuth((await sandbox.client.authorize(appId, { push: false })).authorizationCode);
    const token = await component.getAccessToken();
    const client = await app.get(AuthorizerClientFactory).getClient(appId);
    const keys = new StoreKeys(keyPrefix, sandbox.componentAppId);
    const now = Date.now();
    const record = { token, obtainedAt: now, expiresAt: now + 7_200_000 };

    // The raw get, and a keeper holding nothing, over a store of the same kind holding the same record.
    let backend: StoreBackend;
    let rawGet: Read;
    if (cache) {
      backend = createStoreBackend(cache, { timeoutMs: 1000 });
      const redisClient = (cache.store as unknown as { client: { get(key: string): Promise<string | null> } }).client;
      rawGet = () => redisClient.get(keys.componentToken);
      if ((await redisClient.get(keys.componentToken)) === null) throw new Error('the component token is not where the benchmark reads it');
    } else {
      backend = new MemoryStoreBackend();
      await backend.set(keys.componentToken, record, 3_600_000);
      rawGet = () => backend.get(keys.componentToken);
    }
    // `cacheMs: 0` holds nothing in the process (a keeper from before the cache ignores the field: it held nothing).
    const timings = { waitMs: 5000, workMs: 4000, backoffMs: 1000, maxBackoffMs: 60_000, cacheMs: 0 };
    const uncached = new TokenKeeper(backend, keys, new LeaseLock(backend, 5000), timings);
    const managed = {
      key: keys.componentToken,
      label: 'component',
      fetch: () => Promise.reject(new Error('the benchmark reads a stored token; nothing is fetched')),
    };
    if ((await uncached.getToken(managed)) !== token) throw new Error('the uncached read does not see the stored token');

    const figures = await interleaved(
      {
        raw: rawGet,
        component: () => component.getAccessToken(),
        authorizer: () => client.getAccessToken(),
        uncached: () => uncached.getToken(managed),
      },
      options,
    );
    return {
      store,
      rawGet: figures.raw,
      componentToken: figures.component,
      authorizerToken: figures.authorizer,
      componentTokenUncached: figures.uncached,
      ratioMedian: round(figures.component.medianUs.median / figures.raw.medianUs.median, 3),
      ratioUncachedMedian: round(figures.uncached.medianUs.median / figures.raw.medianUs.median, 3),
    };
  } finally {
    await app.close();
  }
}

/** Measures each read in alternating blocks (so machine load drifts hit all alike), then throughput. */
async function interleaved<K extends string>(reads: Record<K, Read>, options: TokenBenchOptions): Promise<Record<K, ReadFigures>> {
  const names = Object.keys(reads) as K[];
  const blocks = 10;
  const samples = Object.fromEntries(names.map((name) => [name, Array.from({ length: blocks }, () => [] as number[])])) as Record<K, number[][]>;
  for (const name of names) for (let i = 0; i < 2000; i++) await reads[name](); // warm-up
  for (let block = 0; block < blocks; block++) {
    for (const name of names) {
      const read = reads[name];
      for (let i = 0; i < options.reads / blocks; i++) {
        const started = process.hrtime.bigint();
        await read();
        samples[name][block]!.push(Number(process.hrtime.bigint() - started) / 1000);
      }
    }
  }
  const result = {} as Record<K, ReadFigures>;
  for (const name of names) {
    const all = samples[name].flat().sort((a, b) => a - b);
    const blockMedians = samples[name].map((block) => median(block));
    result[name] = {
      medianUs: { ...spread(blockMedians, 3), median: round(median(all), 3) },
      meanUs: round(all.reduce((sum, value) => sum + value, 0) / all.length, 3),
      p99Us: round(percentile(all, 0.99), 2),
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

async function platform(sandbox: RunningSandbox, store: Cache | undefined, keyPrefix: string): Promise<INestApplication> {
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
