// `npm run bench [-- --only=webhook,tokens,refresh,fleet --rounds=5 --servers=demo,fastify --authorizers=100000
//   --refresh-rounds=3 --concurrency=50 --connections=16 --mini-programs=10000 --fleet-rate=400 --fleet-rounds=3 --quick]`
// Runs the benchmarks, prints the tables and the targets of issue 12, and writes everything it measured — with the
// commit, the machine and its load — to one file in bench/results/ (committed; the README's tables come from one).
import 'reflect-metadata';
import os from 'node:os';
import { codeVersion, machine, printTable, type TargetCheck, writeResult } from './lib/report.js';
import { formatSpread, round, spread } from './lib/stats.js';
import { benchFleet, type FleetBenchResult } from './fleet/fleet.bench.js';
import { benchRefresh, type RefreshBenchResult } from './refresh/refresh.bench.js';
import { benchTokenReads, type TokenStoreResult } from './tokens/token-reads.bench.js';
import { benchWebhook, type WebhookBenchResult, type WebhookFigures } from './webhook/webhook.bench.js';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [name, value] = arg.replace(/^--/, '').split('=');
    return [name!, value ?? 'true'] as const;
  }),
);
const quick = args.has('quick');
const only = new Set((args.get('only') ?? 'webhook,tokens,refresh,fleet').split(','));
const number = (name: string, fallback: number) => (args.has(name) ? Number(args.get(name)) : fallback);

const settings = {
  webhook: {
    rounds: number('rounds', quick ? 1 : 5),
    warmupMs: quick ? 1000 : 1500,
    durationMs: quick ? 2000 : 4000,
    connections: number('connections', 16),
    requests: quick ? 50_000 : 110_000,
    kinds: (args.get('servers') ?? '').split(',').filter(Boolean),
  },
  tokens: { reads: quick ? 5000 : 20_000, concurrency: 64 },
  refresh: {
    rounds: number('refresh-rounds', quick ? 1 : 3),
    authorizers: number('authorizers', quick ? 2000 : 10_000),
    latencyMs: number('latency', 50),
    concurrency: number('concurrency', 50),
    rateLimitPerSecond: 100_000,
  },
  fleet: {
    miniPrograms: number('mini-programs', quick ? 1000 : 10_000),
    rateLimitPerSecond: number('fleet-rate', 400),
    concurrency: 25,
    rounds: number('fleet-rounds', quick ? 1 : 3),
  },
};

const started = { at: new Date().toISOString(), loadAverage: os.loadavg().map((value) => round(value)) };
const targets: TargetCheck[] = [];
const measured: Record<string, unknown> = {};

if (only.has('webhook')) {
  console.error(`webhook: both URLs, fresh pushes and WeChat's retries, ${settings.webhook.rounds} rounds (servers in their own processes, load from this one)`);
  const webhook = await benchWebhook(settings.webhook);
  measured.webhook = { settings: settings.webhook, ...webhook };
  for (const url of ['events', 'messages'] as const) {
    printTable(
      url === 'events'
        ? 'Authorization event URL: component_verify_ticket pushes — median (min–max) over rounds; ratio to the xml2js floor within each round'
        : 'Message URL: text messages answered with an encrypted echo reply — median (min–max) over rounds',
      ['server', 'load', 'req/s', 'vs xml2js floor', 'CPU µs/req', 'CPU vs floor', 'p50 ms', 'p99 ms', 'non-200', 'log lines/1000'],
      webhook.figures
        .filter((f) => f.url === url)
        .map((f) => [f.label, f.load, formatSpread(f.requestsPerSecond), formatSpread(f.ratioToFloor), formatSpread(f.cpuMicrosPerRequest), formatSpread(f.cpuRatioToFloor), formatSpread(f.p50Ms), formatSpread(f.p99Ms), f.non200, formatSpread(f.logLinesPer1000)]),
    );
  }
  targets.push(...webhookTargets(webhook));
}

if (only.has('tokens')) {
  console.error('tokens: getAccessToken() of a fresh token against a raw store get');
  const stores = await benchTokenReads(settings.tokens);
  measured.tokens = { settings: settings.tokens, stores };
  printTable(
    'Token reads: µs per read, one at a time — median (lowest–highest median of 10 alternating blocks), mean, p99; reads/s with 64 in flight',
    ['store', 'read', 'median µs', 'mean µs', 'p99 µs', 'reads/s'],
    stores.flatMap((s) =>
      (
        [
          ['raw get', s.rawGet],
          ['component getAccessToken()', s.componentToken],
          ['authorizer getAccessToken()', s.authorizerToken],
          ['component, nothing held in the process', s.componentTokenUncached],
        ] as const
      ).map(([name, f]) => [s.store, name, formatSpread(f.medianUs), f.meanUs, f.p99Us, f.throughput]),
    ),
  );
  targets.push(...tokenTargets(stores));
}

if (only.has('refresh')) {
  const results: RefreshBenchResult[] = [];
  for (let i = 0; i < settings.refresh.rounds; i++) {
    console.error(`refresh round ${i + 1}: ${settings.refresh.authorizers} authorizers in Redis, sandbox latency ${settings.refresh.latencyMs} ms`);
    results.push(await benchRefresh(settings.refresh));
  }
  const summary = refreshSummary(results);
  measured.refresh = { settings: settings.refresh, summary, rounds: results };
  const last = results.at(-1)!;
  printTable(
    `Refresh at scale: ${last.authorizers} authorizers due at once, Redis, api_authorizer_token +${last.latencyMs} ms, C = ${last.concurrency} per instance — median (min–max) over ${results.length} rounds`,
    ['instances', 'cycle s', 'ideal s', 'efficiency', 'eff. at sandbox latency', 'CPU share', 'refreshed twice', 'peak RSS MB', 'peak heap MB'],
    (['oneInstance', 'twoInstances'] as const).map((which) => {
      const cycles = results.map((r) => r[which]);
      return [
        cycles[0]!.instances,
        formatSpread(spread(cycles.map((c) => c.cycleSeconds))),
        cycles[0]!.idealSeconds,
        formatSpread(spread(cycles.map((c) => c.efficiency), 3)),
        formatSpread(spread(cycles.map((c) => c.efficiencyAtSandboxLatency), 3)),
        formatSpread(spread(cycles.map((c) => c.cpuShare))),
        cycles.reduce((sum, c) => sum + c.refreshedTwice, 0),
        formatSpread(spread(cycles.map((c) => c.peakRssMB), 1)),
        formatSpread(spread(cycles.map((c) => c.peakHeapMB), 1)),
      ];
    }),
  );
  console.log(
    `Reconciliation of ${last.authorizers}: ${formatSpread(spread(results.map((r) => r.reconcileSeconds)))} s; Redis per authorizer: ${last.redisBytesPerAuthorizer} B; ` +
      `instance heap kept per authorizer after a full GC: ${formatSpread(spread(results.map((r) => r.retainedBytesPerAuthorizer), 0))} B`,
  );
  targets.push(...refreshTargets(results));
}

if (only.has('fleet')) {
  const f = settings.fleet;
  console.error(`fleet: ${f.miniPrograms} mini programs, commit → audit (instant approvals, pushed) → release, two instances, ${f.rateLimitPerSecond} steps/s shared`);
  const result = await benchFleet(f);
  measured.fleet = { settings: f, result };
  printTable(
    `Fleet release: ${result.miniPrograms} mini programs per campaign on two instances (own processes), shared rate limit ${result.rateLimitPerSecond} steps/s, ${result.concurrency} steps in flight per instance`,
    ['round', 'released', 'failed', 'wall s', 'ideal s', 'efficiency', 'WeChat calls/app', 'duplicate submissions', 'duplicate commits'],
    result.rounds.map((r, i) => [i + 1, r.released, r.failed, r.wallSeconds, r.idealSeconds, r.efficiency, r.callsPerApp, r.duplicateSubmissions, r.duplicateCommits]),
  );
  console.log(
    `Median wall ${result.median.wallSeconds} s (spread ${result.spread.wallSeconds.join('–')} s), efficiency ${result.median.efficiency} (spread ${result.spread.efficiency.join('–')})`,
  );
  targets.push(...fleetTargets(result));
}

printTable(
  'Targets',
  ['target', 'wanted', 'measured', 'met', 'note'],
  targets.map((t) => [t.name, t.target, t.measured, t.met ? 'yes' : 'NO', t.note ?? '']),
);
const file = writeResult(`bench-${[...only].join('-')}`, {
  ...codeVersion(),
  machine: { ...machine(), loadAverageAtStart: started.loadAverage },
  startedAt: started.at,
  ...measured,
  targets,
});
console.log(`\nResults: ${file}`);

function webhookTargets(webhook: WebhookBenchResult): TargetCheck[] {
  const of = (kind: string, url: 'events' | 'messages', load: 'fresh' | 'retries') =>
    webhook.figures.find((f) => f.kind === kind && f.url === url && f.load === load);
  const checks: TargetCheck[] = [];
  const check = (name: string, figure: WebhookFigures | undefined, wanted: number, note?: string) => {
    if (!figure) return;
    checks.push({
      name,
      target: `≥ ${wanted}`,
      measured: formatSpread(figure.ratioToFloor),
      met: figure.ratioToFloor.median >= wanted,
      note: note ?? `${formatSpread(figure.requestsPerSecond)} req/s; by CPU per request ${formatSpread(figure.cpuRatioToFloor)} × the floor (${formatSpread(figure.cpuMicrosPerRequest)} µs); ${figure.non200} non-200`,
    });
  };
  for (const load of ['retries', 'fresh'] as const) {
    check(`events, demo as shipped (memory), ${load}`, of('demo', 'events', load), 0.9);
    check(`events, demo as shipped, Redis, ${load}`, of('demo-redis', 'events', load), 0.9);
    check(`messages with reply, demo as shipped (memory), ${load}`, of('demo', 'messages', load), 0.9);
    check(`messages with reply, demo as shipped, Redis, ${load}`, of('demo-redis', 'messages', load), 0.9);
    check(`events, Fastify (memory), ${load}`, of('fastify', 'events', load), 0.9);
  }
  check('moonshot: events, demo as shipped (memory), retries', of('demo', 'events', 'retries'), 1.5);
  return checks;
}

function tokenTargets(stores: readonly TokenStoreResult[]): TargetCheck[] {
  const memory = stores.find((s) => s.store === 'memory')!;
  const redis = stores.find((s) => s.store === 'redis')!;
  return [
    {
      name: 'getAccessToken(), memory store, median',
      target: '≤ 1 µs',
      measured: `${formatSpread(memory.componentToken.medianUs)} µs`,
      met: memory.componentToken.medianUs.median <= 1,
      note: `authorizer ${formatSpread(memory.authorizerToken.medianUs)} µs; raw get ${formatSpread(memory.rawGet.medianUs)} µs`,
    },
    {
      name: 'getAccessToken(), Redis, held in the process, vs raw GET (median)',
      target: '≤ 0.05',
      measured: String(redis.ratioMedian),
      met: redis.ratioMedian <= 0.05,
      note: `${redis.componentToken.medianUs.median} µs vs ${redis.rawGet.medianUs.median} µs`,
    },
    {
      name: 'getAccessToken(), Redis, nothing held, vs raw GET (median)',
      target: '≤ 1.1',
      measured: String(redis.ratioUncachedMedian),
      met: redis.ratioUncachedMedian <= 1.1,
      note: `${redis.componentTokenUncached.medianUs.median} µs vs ${redis.rawGet.medianUs.median} µs`,
    },
  ];
}

function refreshSummary(results: readonly RefreshBenchResult[]) {
  return {
    authorizers: results[0]!.authorizers,
    efficiencyOne: spread(results.map((r) => r.oneInstance.efficiency), 3),
    efficiencyTwo: spread(results.map((r) => r.twoInstances.efficiency), 3),
    cpuShareOne: spread(results.map((r) => r.oneInstance.cpuShare)),
    cpuShareTwo: spread(results.map((r) => r.twoInstances.cpuShare)),
    refreshedTwice: results.reduce((sum, r) => sum + r.twoInstances.refreshedTwice, 0),
  };
}

function refreshTargets(results: readonly RefreshBenchResult[]): TargetCheck[] {
  const summary = refreshSummary(results);
  return [
    { name: `refresh ${summary.authorizers}, 1 instance, efficiency`, target: 'reported (0.9 in issue 6)', measured: formatSpread(summary.efficiencyOne), met: true, note: `CPU share ${formatSpread(summary.cpuShareOne)}` },
    { name: `refresh ${summary.authorizers}, 2 instances, efficiency`, target: 'reported (0.9 in issue 6)', measured: formatSpread(summary.efficiencyTwo), met: true, note: `CPU share ${formatSpread(summary.cpuShareTwo)}: instances + sandbox + Redis on ${os.cpus().length} cores` },
    { name: `refresh ${summary.authorizers}, tokens refreshed twice`, target: '0', measured: String(summary.refreshedTwice), met: summary.refreshedTwice === 0 },
  ];
}

function fleetTargets(result: FleetBenchResult): TargetCheck[] {
  return [
    {
      name: 'fleet: duplicate submissions',
      target: '0',
      measured: String(result.duplicateSubmissions),
      met: result.duplicateSubmissions === 0,
    },
    {
      name: 'fleet: wall time vs the shared rate limit (median)',
      target: 'report',
      measured: `${result.median.wallSeconds} s for ideal ${result.rounds[0]?.idealSeconds} s (efficiency ${result.median.efficiency})`,
      met: true,
      note: 'ideal = 3 steps (commit, submit, release) per app / rate limit; the rest is pushes, Redis and the sandbox on the same 2 cores',
    },
  ];
}
