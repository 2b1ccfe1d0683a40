import os from 'node:os';
import { Child } from '../lib/child.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import { round, type Spread, spread } from '../lib/stats.js';
import { benchRequests, type LoadKind, type WebhookUrl } from './pushes.js';

/** A server of the benchmark: what it runs, and which loads it takes. */
interface ServerSpec {
  readonly kind: string;
  readonly label: string;
  readonly urls: readonly WebhookUrl[];
  readonly loads: readonly LoadKind[];
}

/** The servers, in the order they run in the first round (later rounds rotate it). */
const SERVERS: readonly ServerSpec[] = [
  { kind: 'xml2js-floor', label: 'xml2js floor: bare node:http, verify + decrypt + xml2js parse (+ reply)', urls: ['events', 'messages'], loads: ['fresh', 'retries'] },
  { kind: 'bare', label: "the module's own decode on bare node:http, no store (+ reply)", urls: ['events', 'messages'], loads: ['fresh'] },
  { kind: 'demo', label: 'demo as shipped (npm start: Express, memory store, default options, console log)', urls: ['events', 'messages'], loads: ['fresh', 'retries'] },
  { kind: 'demo-redis', label: 'demo as shipped with REDIS_URL (Redis store)', urls: ['events', 'messages'], loads: ['fresh', 'retries'] },
  { kind: 'fastify', label: 'module on Fastify, default options, memory store', urls: ['events', 'messages'], loads: ['fresh', 'retries'] },
  { kind: 'express-nest-route', label: 'module on Express, webhook.fastPath: false (through Nest), memory store', urls: ['events', 'messages'], loads: ['fresh'] },
  { kind: 'fastify-nest-route', label: 'module on Fastify, webhook.fastPath: false (through Nest), memory store', urls: ['events'], loads: ['fresh'] },
  { kind: 'wechat-crypto', label: 'peer: wechat-crypto@0.0.2 + xml2js on node:http (envelope parsed by xml2js too)', urls: ['events'], loads: ['fresh'] },
  { kind: 'nest-wechat', label: 'peer: nest-wechat@0.2.50 pushTicket in a Nest controller', urls: ['events'], loads: ['fresh'] },
];

/** The server every ratio is taken against, round by round. */
export const FLOOR_KIND = 'xml2js-floor';

/** Settings of the webhook benchmark. */
export interface WebhookBenchOptions {
  readonly rounds: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly connections: number;
  /** Requests prepared per run (more than a run sends, so none is sent twice except the planned retries). */
  readonly requests: number;
  /** Only these server kinds (all when empty). */
  readonly kinds: readonly string[];
}

/** One run: one server, one URL, one load, one round. */
export interface WebhookRun {
  readonly round: number;
  readonly kind: string;
  readonly url: WebhookUrl;
  readonly load: LoadKind;
  readonly requestsPerSecond: number;
  /** CPU time of the server process (all its threads, user + system) per answered request, in the measured window. */
  readonly cpuMicrosPerRequest: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non200: number;
  /** Lines the server wrote to stdout during the measured window, per 1000 requests. */
  readonly logLinesPer1000: number;
  /** Whether the run sent more requests than were prepared (then some fresh pushes went twice). */
  readonly wrapped: boolean;
  /** The machine's 1-minute load average as the run started. */
  readonly loadAverage: number;
}

/** One server on one URL under one load, over every round. */
export interface WebhookFigures {
  readonly kind: string;
  readonly label: string;
  readonly url: WebhookUrl;
  readonly load: LoadKind;
  readonly requestsPerSecond: Spread;
  /** This server's requests per second over the xml2js floor's in the same round, URL and load. */
  readonly ratioToFloor: Spread;
  /**
   * The floor's CPU time per request over this server's, same round, URL and load: the throughput ratio the two would
   * have with a core each to themselves — steadier than `ratioToFloor` while other work shares the machine.
   */
  readonly cpuRatioToFloor: Spread;
  readonly cpuMicrosPerRequest: Spread;
  readonly p50Ms: Spread;
  readonly p99Ms: Spread;
  readonly non200: number;
  readonly logLinesPer1000: Spread;
  readonly wrapped: boolean;
}

/** Everything the webhook benchmark measured. */
export interface WebhookBenchResult {
  readonly figures: readonly WebhookFigures[];
  readonly runs: readonly WebhookRun[];
}

/**
 * Requests per second on both webhook URLs over loopback: each server in its own process, driven by a closed-loop
 * raw-socket load from this one, with signed pushes prepared for each run (fresh ones, or with WeChat's retries mixed
 * in). Every round runs every server once per URL and load, in a rotated order, so a drift of the machine's load
 * hits all alike; each figure is the median over the rounds with the lowest and highest round, and each ratio is
 * taken within its round.
 */
export async function benchWebhook(options: WebhookBenchOptions): Promise<WebhookBenchResult> {
  const servers = SERVERS.filter((server) => options.kinds.length === 0 || options.kinds.includes(server.kind) || server.kind === FLOOR_KIND);
  const groups = (['events', 'messages'] as const).flatMap((url) => (['fresh', 'retries'] as const).map((load) => ({ url, load })));
  const runs: WebhookRun[] = [];
  for (let roundIndex = 0; roundIndex < options.rounds; roundIndex++) {
    // Rotated each round: no URL, load or server always goes first (a cold load generator, a fresh machine state).
    for (const { url, load } of rotate(groups, roundIndex)) {
      const takers = rotate(
        servers.filter((server) => server.urls.includes(url) && server.loads.includes(load)),
        roundIndex,
      );
      if (takers.length === 0) continue;
      // The same requests for every server of the group, signed now: inside the freshness window while they run.
      const requests = benchRequests(url, load, options.requests);
      for (const server of takers) runs.push(await measure(server, url, load, roundIndex + 1, requests, options));
    }
  }
  return { figures: figuresOf(servers, runs), runs };
}

/** One run: starts the server's process, drives it, reads its CPU time and log lines over the measured window. */
async function measure(
  server: ServerSpec,
  url: WebhookUrl,
  load: LoadKind,
  roundNumber: number,
  requests: readonly Buffer[],
  options: WebhookBenchOptions,
): Promise<WebhookRun> {
  const loadAverage = round(os.loadavg()[0]!);
  const { child, ready } = await Child.start(import.meta.url, './server-main.js', [server.kind]);
  try {
    let cpuAtOpen = 0;
    let cpuAtClose = 0;
    let linesAtOpen = 0;
    let linesAtClose = 0;
    const result: LoadResult = await runLoad({
      port: Number(ready.port),
      requests,
      connections: options.connections,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      window: {
        opened: async () => {
          cpuAtOpen = Number((await child.request('cpu')).cpuMicros);
          linesAtOpen = child.stdoutLines;
        },
        closed: async () => {
          cpuAtClose = Number((await child.request('cpu')).cpuMicros);
          linesAtClose = child.stdoutLines;
        },
      },
    });
    const run: WebhookRun = {
      round: roundNumber,
      kind: server.kind,
      url,
      load,
      requestsPerSecond: Math.round(result.requestsPerSecond),
      cpuMicrosPerRequest: round((cpuAtClose - cpuAtOpen) / Math.max(1, result.requests), 1),
      p50Ms: round(result.p50Ms, 3),
      p99Ms: round(result.p99Ms, 3),
      non200: result.non200,
      logLinesPer1000: round(((linesAtClose - linesAtOpen) * 1000) / Math.max(1, result.requests), 1),
      wrapped: result.wrapped,
      loadAverage,
    };
    process.stderr.write(
      `  webhook round ${run.round} ${server.kind} ${url} ${load}: ${run.requestsPerSecond} req/s, ${run.cpuMicrosPerRequest} µs CPU/req, ` +
        `${run.non200} non-200, ${run.logLinesPer1000} log lines/1000 (load ${loadAverage})\n`,
    );
    return run;
  } finally {
    await child.stop();
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  return items.map((_, i) => items[(i + by) % items.length]!);
}

function figuresOf(servers: readonly ServerSpec[], runs: readonly WebhookRun[]): WebhookFigures[] {
  const floorOf = (run: WebhookRun) =>
    runs.find((other) => other.kind === FLOOR_KIND && other.round === run.round && other.url === run.url && other.load === run.load);
  return servers.flatMap((server) =>
    server.urls.flatMap((url) =>
      server.loads.map((load) => {
        const mine = runs.filter((run) => run.kind === server.kind && run.url === url && run.load === load);
        // Peers take fresh event pushes only: their ratio is against the floor's fresh runs of the same round.
        const ratios = mine.map((run) => run.requestsPerSecond / (floorOf(run)?.requestsPerSecond ?? Number.NaN)).filter(Number.isFinite);
        const cpuRatios = mine.map((run) => (floorOf(run)?.cpuMicrosPerRequest ?? Number.NaN) / run.cpuMicrosPerRequest).filter(Number.isFinite);
        return {
          kind: server.kind,
          label: server.label,
          url,
          load,
          requestsPerSecond: spread(mine.map((run) => run.requestsPerSecond), 0),
          ratioToFloor: spread(ratios, 3),
          cpuRatioToFloor: spread(cpuRatios, 3),
          cpuMicrosPerRequest: spread(mine.map((run) => run.cpuMicrosPerRequest), 1),
          p50Ms: spread(mine.map((run) => run.p50Ms), 2),
          p99Ms: spread(mine.map((run) => run.p99Ms), 2),
          non200: mine.reduce((sum, run) => sum + run.non200, 0),
          logLinesPer1000: spread(mine.map((run) => run.logLinesPer1000), 1),
          wrapped: mine.some((run) => run.wrapped),
        };
      }),
    ),
  );
}
