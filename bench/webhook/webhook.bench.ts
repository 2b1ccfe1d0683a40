import { Child } from '../lib/child.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import { round } from '../lib/stats.js';
import { ticketPushes } from './pushes.js';

/** The servers measured, in the order they run in each round. */
const SERVERS = [
  { kind: 'bare', label: 'bare node:http, same verify + decrypt + parse (baseline)' },
  { kind: 'module', label: 'nestjs-wechat-component, default (Nest + Express route), memory store' },
  { kind: 'module-fast', label: 'nestjs-wechat-component, webhook.fastPath, memory store' },
  { kind: 'module-redis', label: 'nestjs-wechat-component, default (Nest + Express route), Redis store' },
  { kind: 'module-redis-fast', label: 'nestjs-wechat-component, webhook.fastPath, Redis store' },
  { kind: 'wechat-crypto', label: 'peer: wechat-crypto@0.0.2 + xml2js on node:http' },
  { kind: 'nest-wechat', label: 'peer: nest-wechat@0.2.50 pushTicket in a Nest controller' },
] as const;

/** Settings of the webhook benchmark. */
export interface WebhookBenchOptions {
  readonly rounds: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly connections: number;
  /** Distinct pushes prepared; every server gets the same ones in the same order. */
  readonly pushes: number;
}

/** One server's best round and every round's rate. */
export interface WebhookServerResult {
  readonly kind: string;
  readonly label: string;
  readonly requestsPerSecond: number;
  /** Requests per second relative to the bare baseline. */
  readonly ratioToBare: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non200: number;
  readonly wrapped: boolean;
  readonly roundsRequestsPerSecond: readonly number[];
}

/**
 * Requests per second on the authorization event URL over loopback: each server in its own process, driven by a
 * closed-loop raw-socket load from this process with the same distinct signed ticket pushes. Servers alternate
 * round by round so drifting machine load hits all of them alike; the best round of each is reported.
 */
export async function benchWebhook(options: WebhookBenchOptions): Promise<WebhookServerResult[]> {
  const requests = ticketPushes(options.pushes);
  const runs = new Map<string, LoadResult[]>();
  for (let roundIndex = 0; roundIndex < options.rounds; roundIndex++) {
    // Each round starts with another server, so none always runs first (cold load generator, fresh machine state).
    const order = SERVERS.map((_, i) => SERVERS[(i + roundIndex) % SERVERS.length]!);
    for (const server of order) {
      const { child, ready } = await Child.start(import.meta.url, './server-main.js', [server.kind]);
      try {
        const result = await runLoad({ port: Number(ready.port), requests, ...options });
        runs.set(server.kind, [...(runs.get(server.kind) ?? []), result]);
        process.stderr.write(`  webhook ${server.kind} round ${roundIndex + 1}: ${Math.round(result.requestsPerSecond)} req/s\n`);
      } finally {
        await child.stop();
      }
    }
  }
  const best = (kind: string) => [...runs.get(kind)!].sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0]!;
  const bare = best('bare').requestsPerSecond;
  return SERVERS.map((server) => {
    const top = best(server.kind);
    return {
      kind: server.kind,
      label: server.label,
      requestsPerSecond: Math.round(top.requestsPerSecond),
      ratioToBare: round(top.requestsPerSecond / bare, 3),
      p50Ms: round(top.p50Ms, 3),
      p99Ms: round(top.p99Ms, 3),
      non200: runs.get(server.kind)!.reduce((sum, run) => sum + run.non200, 0),
      wrapped: runs.get(server.kind)!.some((run) => run.wrapped),
      roundsRequestsPerSecond: runs.get(server.kind)!.map((run) => Math.round(run.requestsPerSecond)),
    };
  });
}
