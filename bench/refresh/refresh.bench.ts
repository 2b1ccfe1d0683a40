import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { SandboxClient } from '../../apps/sandbox/src/index.js';
import { Child } from '../lib/child.js';
import { benchRedis, deleteKeys, type BenchRedisClient } from '../lib/redis.js';
import { round } from '../lib/stats.js';
import type { PlatformSettings } from './platform-main.js';

const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';

/** Settings of the refresh-at-scale benchmark. */
export interface RefreshBenchOptions {
  readonly authorizers: number;
  /** Latency the sandbox adds to every api_authorizer_token call. */
  readonly latencyMs: number;
  /** Refreshes in flight per instance. */
  readonly concurrency: number;
  /** The shared rate limit given to the instances (set above what C / latency can reach, so it does not bind). */
  readonly rateLimitPerSecond: number;
}

/** One refresh cycle: every authorizer due at once, refreshed by one or two instances. */
export interface RefreshCycle {
  readonly instances: number;
  readonly refreshed: number;
  readonly failed: number;
  readonly cycleSeconds: number;
  /** N × latency / (C × instances). */
  readonly idealSeconds: number;
  /** ideal / measured (target ≥ 0.9). */
  readonly efficiency: number;
  /**
   * The sandbox's own time per api_authorizer_token call (its 50 ms timer plus its work), mean of the last 1000 calls,
   * and the efficiency against that instead of the nominal latency: what is left is the platform's own overhead.
   */
  readonly sandboxLatencyMs: number;
  readonly efficiencyAtSandboxLatency: number;
  /** Accounts that got more than one new token in the cycle, by the sandbox's own counters (target 0). */
  readonly refreshedTwice: number;
  /**
   * CPU used during the cycle by the instances, the sandbox and Redis together, as a share of all the machine's
   * cores: near 1 means the cycle was bound by CPU (of the whole simulated system), not by waiting.
   */
  readonly cpuShare: number;
  /** Highest RSS and heap of an instance during the cycle. */
  readonly peakRssMB: number;
  readonly peakHeapMB: number;
}

/** The benchmark's findings. */
export interface RefreshBenchResult {
  readonly authorizers: number;
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly rateLimitPerSecond: number;
  /** Reconciliation registering every account from api_get_authorizer_list into an empty store. */
  readonly reconcileSeconds: number;
  readonly oneInstance: RefreshCycle;
  readonly twoInstances: RefreshCycle;
  /** What the platform keeps in Redis per authorizer: record, token, and its share of both indexes. */
  readonly redisBytesPerAuthorizer: number;
  /** Heap an instance grows by during a cycle, per authorizer refreshed: garbage of the work in flight, at its peak. */
  readonly heapBytesPerAuthorizer: number;
  /** Heap an instance still holds after the cycle and a full GC, per authorizer: what it keeps (≈ 0: state is in Redis). */
  readonly retainedBytesPerAuthorizer: number;
}

interface Measured {
  readonly durationMs: number;
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
  readonly heapBeforeBytes: number;
  readonly heapAfterGcBytes: number;
  readonly cpuMs: number;
  readonly result: { authorizers: { refreshed: number; failed: number } } & Record<string, unknown>;
}

/**
 * N authorizers in Redis, a sandbox answering api_authorizer_token after `latencyMs`, every token due at once: one
 * instance refreshes them all (cycle time against N × latency / C), then two instances on a fresh key space do it
 * together (refreshed-twice count from the sandbox's counters). Sandbox and instances run in their own processes.
 */
export async function benchRefresh(options: RefreshBenchOptions): Promise<RefreshBenchResult> {
  const { child: sandboxChild, ready } = await Child.start(import.meta.url, './sandbox-main.js');
  const sandbox = new SandboxClient(String(ready.url));
  const redis = await benchRedis();
  const prefixes = [`bench-refresh-${randomUUID()}`, `bench-refresh-${randomUUID()}`];
  const children: Child[] = [];
  const start = async (keyPrefix: string) => {
    const settings: PlatformSettings = {
      sandboxUrl: String(ready.url),
      componentAppId: String(ready.componentAppId),
      componentAppSecret: String(ready.componentAppSecret),
      token: String(ready.token),
      encodingAESKey: String(ready.encodingAESKey),
      keyPrefix,
      concurrency: options.concurrency,
      rateLimitPerSecond: options.rateLimitPerSecond,
    };
    const started = await Child.start(import.meta.url, './platform-main.js', [JSON.stringify(settings)]);
    children.push(started.child);
    return { child: started.child, port: Number(started.ready.port) };
  };
  const connect = async (port: number) => {
    await sandbox.updateSettings({ eventUrl: `http://127.0.0.1:${port}/wechat/component/events` });
    await sandbox.pushTicket();
  };

  try {
    await sandbox.createAccounts({ count: options.authorizers, type: 'official_account', authorize: true });
    await sandbox.injectFault({ path: AUTHORIZER_TOKEN, latencyMs: options.latencyMs });

    // One instance: discovers every account by reconciliation, then refreshes them all in one pass.
    const one = await start(prefixes[0]!);
    await connect(one.port);
    const reconciled = (await one.child.request('reconcile')) as unknown as Measured;
    progress(`reconciled ${options.authorizers} accounts in ${round(reconciled.durationMs / 1000)} s`);
    const before1 = await sandbox.counters();
    const cpu1 = await otherCpu(sandboxChild, redis.client);
    const pass1 = (await one.child.request('pass')) as unknown as Measured;
    const others1 = (await otherCpu(sandboxChild, redis.client)) - cpu1;
    const twice1 = twiceSince(before1.authorizerTokens.histogram, (await sandbox.counters()).authorizerTokens.histogram);
    const oneInstance = cycle(options, 1, [pass1], twice1, await sandboxLatency(sandbox), others1);
    progress(`one instance: ${oneInstance.refreshed} refreshed in ${oneInstance.cycleSeconds} s (efficiency ${oneInstance.efficiency})`);
    const redisBytesPerAuthorizer = await redisBytes(redis.client, prefixes[0]!, String(ready.componentAppId), options.authorizers);
    await one.child.stop();

    // Two instances on a fresh key space: both reconcile, then both run their pass at the same moment.
    const [a, b] = [await start(prefixes[1]!), await start(prefixes[1]!)];
    await connect(a!.port);
    await a!.child.request('reconcile');
    const before2 = await sandbox.counters();
    const cpu2 = await otherCpu(sandboxChild, redis.client);
    const passes = (await Promise.all([a!, b!].map((instance) => instance.child.request('pass')))) as unknown as Measured[];
    const others2 = (await otherCpu(sandboxChild, redis.client)) - cpu2;
    const after2 = await sandbox.counters();
    const twice2 = twiceSince(before2.authorizerTokens.histogram, after2.authorizerTokens.histogram);
    const twoInstances = cycle(options, 2, passes, twice2, await sandboxLatency(sandbox), others2);
    progress(`two instances: ${twoInstances.refreshed} refreshed in ${twoInstances.cycleSeconds} s, refreshed twice ${twoInstances.refreshedTwice}`);

    return {
      authorizers: options.authorizers,
      latencyMs: options.latencyMs,
      concurrency: options.concurrency,
      rateLimitPerSecond: options.rateLimitPerSecond,
      reconcileSeconds: round(reconciled.durationMs / 1000),
      oneInstance,
      twoInstances,
      redisBytesPerAuthorizer,
      heapBytesPerAuthorizer: Math.max(0, Math.round((pass1.peakHeapBytes - pass1.heapBeforeBytes) / options.authorizers)),
      retainedBytesPerAuthorizer: Math.round((pass1.heapAfterGcBytes - pass1.heapBeforeBytes) / options.authorizers),
    };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await sandboxChild.stop();
    for (const prefix of prefixes) await deleteKeys(redis.client, `${prefix}:*`);
    await redis.close();
  }
}

function cycle(
  options: RefreshBenchOptions,
  instances: number,
  passes: Measured[],
  refreshedTwice: number,
  sandboxLatencyMs: number,
  othersCpuMs: number,
): RefreshCycle {
  const idealSeconds = (options.authorizers * options.latencyMs) / 1000 / (options.concurrency * instances);
  const cycleSeconds = Math.max(...passes.map((pass) => pass.durationMs)) / 1000;
  const idealAtSandboxLatency = (idealSeconds * sandboxLatencyMs) / options.latencyMs;
  return {
    instances,
    refreshed: passes.reduce((sum, pass) => sum + pass.result.authorizers.refreshed, 0),
    failed: passes.reduce((sum, pass) => sum + pass.result.authorizers.failed, 0),
    cycleSeconds: round(cycleSeconds),
    idealSeconds: round(idealSeconds),
    efficiency: round(idealSeconds / cycleSeconds, 3),
    sandboxLatencyMs: round(sandboxLatencyMs, 2),
    efficiencyAtSandboxLatency: round(idealAtSandboxLatency / cycleSeconds, 3),
    refreshedTwice,
    cpuShare: round((passes.reduce((sum, pass) => sum + pass.cpuMs, 0) + othersCpuMs) / (cycleSeconds * 1000 * os.cpus().length), 2),
    peakRssMB: round(Math.max(...passes.map((pass) => pass.peakRssBytes)) / 2 ** 20, 1),
    peakHeapMB: round(Math.max(...passes.map((pass) => pass.peakHeapBytes)) / 2 ** 20, 1),
  };
}

/** CPU ms used so far by the sandbox process and the Redis server. */
async function otherCpu(sandbox: Child, redis: BenchRedisClient): Promise<number> {
  const { cpuMs } = await sandbox.request('cpu');
  const info = String(await redis.sendCommand(['INFO', 'cpu']));
  const seconds = ['used_cpu_sys', 'used_cpu_user'].reduce((sum, field) => sum + Number(new RegExp(`${field}:([\\d.]+)`).exec(info)?.[1] ?? 0), 0);
  return Number(cpuMs) + seconds * 1000;
}

/** Mean time the sandbox took per api_authorizer_token call, over its last 1000 recorded calls. */
async function sandboxLatency(sandbox: SandboxClient): Promise<number> {
  const calls = await sandbox.calls({ path: AUTHORIZER_TOKEN, limit: 1000 });
  return calls.reduce((sum, call) => sum + call.durationMs, 0) / Math.max(1, calls.length);
}

/**
 * Accounts that got two or more tokens between two readings of the sandbox's histogram (tokens issued per account →
 * accounts). Every account enters the cycle with the same count k, so after it, anything above k + 1 was refreshed
 * twice.
 */
function twiceSince(before: Record<string, number>, after: Record<string, number>): number {
  const counts = Object.keys(before).map(Number);
  const k = counts.length === 0 ? 0 : Math.max(...counts);
  return Object.entries(after)
    .filter(([issued]) => Number(issued) > k + 1)
    .reduce((sum, [, accounts]) => sum + accounts, 0);
}

/** Redis bytes per authorizer: MEMORY USAGE of a sample of records and tokens, plus the indexes spread over N. */
async function redisBytes(client: BenchRedisClient, prefix: string, componentAppId: string, authorizers: number): Promise<number> {
  const ns = `${prefix}:${componentAppId}`;
  const usage = async (key: string) => Number((await client.sendCommand(['MEMORY', 'USAGE', key, 'SAMPLES', '0'])) ?? 0);
  const sample: string[] = [];
  for (let cursor = 0; ; ) {
    const page = await client.scan(cursor, { MATCH: `${ns}:authorizer:*`, COUNT: 1000 });
    sample.push(...page.keys);
    cursor = page.cursor;
    if (cursor === 0 || sample.length >= 200) break;
  }
  let perAccount = 0;
  for (const key of sample.slice(0, 200)) {
    const appId = key.slice(`${ns}:authorizer:`.length);
    perAccount += (await usage(key)) + (await usage(`${ns}:token:authorizer:${appId}`));
  }
  const indexes = (await usage(`${ns}:authorizers`)) + (await usage(`${ns}:refresh-due`));
  return Math.round(perAccount / Math.min(200, sample.length) + indexes / authorizers);
}

function progress(line: string): void {
  process.stderr.write(`  refresh ${line}\n`);
}

