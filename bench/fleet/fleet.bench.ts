import { randomUUID } from 'node:crypto';
import { SandboxClient } from '../../apps/sandbox/src/index.js';
import { Child } from '../lib/child.js';
import { benchRedis, deleteKeys } from '../lib/redis.js';
import { median, round } from '../lib/stats.js';
import type { FleetPlatformSettings } from './platform-main.js';

/** Settings of the fleet benchmark. */
export interface FleetBenchOptions {
  readonly miniPrograms: number;
  /** The shared rate limit: steps per second across both instances. */
  readonly rateLimitPerSecond: number;
  /** Steps in flight per instance. */
  readonly concurrency: number;
  readonly rounds: number;
}

/** One campaign over every mini program. */
export interface FleetRound {
  readonly released: number;
  readonly failed: number;
  readonly wallSeconds: number;
  /** Steps (one WeChat call each: commit, submit, release) / the rate limit. */
  readonly idealSeconds: number;
  /** ideal / wall. */
  readonly efficiency: number;
  /** Accepted submissions beyond one per app, by the sandbox's record (must be 0). */
  readonly duplicateSubmissions: number;
  readonly duplicateCommits: number;
  /** WeChat calls of the campaign per app (commit, submit_audit, release; get_auditstatus polls). */
  readonly callsPerApp: number;
}

export interface FleetBenchResult {
  readonly miniPrograms: number;
  readonly rateLimitPerSecond: number;
  readonly concurrency: number;
  readonly rounds: readonly FleetRound[];
  readonly median: { readonly wallSeconds: number; readonly efficiency: number };
  /** Fastest and slowest round. */
  readonly spread: { readonly wallSeconds: readonly [number, number]; readonly efficiency: readonly [number, number] };
  readonly duplicateSubmissions: number;
}

const STEPS_PER_APP = 3;
const PATHS = ['/wxa/commit', '/wxa/submit_audit', '/wxa/release', '/wxa/get_auditstatus'];

/**
 * N mini programs authorized on a sandbox that approves every audit at once and pushes the result; two platform
 * instances (own processes) share one campaign per round, releasing a new version to all of them: commit → submit
 * audit → (push) → release. The wall time is set against the ideal of the shared rate limit, and the sandbox's
 * record of commits and accepted submissions per app tells whether any app was submitted twice.
 */
export async function benchFleet(options: FleetBenchOptions): Promise<FleetBenchResult> {
  const { child: sandboxChild, ready } = await Child.start(import.meta.url, './sandbox-main.js');
  const sandbox = new SandboxClient(String(ready.url));
  const redis = await benchRedis();
  const keyPrefix = `bench-fleet-${randomUUID()}`;
  const instances: Child[] = [];
  try {
    const { accounts } = await sandbox.createAccounts({ count: options.miniPrograms, type: 'mini_program', authorize: true });
    const appIds = accounts.map((account) => account.appId);
    await sandbox.setAuditQuota({ limit: 10_000_000, rest: 10_000_000 });
    for (let i = 0; i < 2; i++) {
      const settings: FleetPlatformSettings = {
        sandboxUrl: String(ready.url),
        componentAppId: String(ready.componentAppId),
        componentAppSecret: String(ready.componentAppSecret),
        token: String(ready.token),
        encodingAESKey: String(ready.encodingAESKey),
        keyPrefix: `${keyPrefix}:wechat`,
        fleetPrefix: `${keyPrefix}:fleet`,
        rateLimitPerSecond: options.rateLimitPerSecond,
        concurrency: options.concurrency,
      };
      const started = await Child.start(import.meta.url, './platform-main.js', [JSON.stringify(settings)]);
      instances.push(started.child);
      if (i === 0) {
        const port = Number(started.ready.port);
        await sandbox.updateSettings({ eventUrl: `http://127.0.0.1:${port}/wechat/component/events`, messageUrl: `http://127.0.0.1:${port}/wechat/component/messages/$APPID$` });
        await sandbox.pushTicket();
      }
    }
    progress(`${options.miniPrograms} mini programs; registering them and fetching their tokens`);
    await instances[0]!.request('prepare');

    const rounds: FleetRound[] = [];
    for (let round_ = 0; round_ < options.rounds; round_++) {
      const version = `3.${round_}.0`;
      const { draftId } = await sandbox.uploadCodeDraft({ userVersion: version, privacyKeys: [], sourceAppId: 'wx00000000000bench' });
      const { templateId } = await instances[0]!.request('template', { draftId });
      const before = new Map((await sandbox.miniPrograms()).map((mp) => [mp.appId, mp]));
      const countersBefore = (await sandbox.counters()).paths;
      const started = performance.now();
      const { campaignId: id } = await instances[round_ % 2]!.request('start', { templateId, userVersion: version, appIds });
      let campaign: { status?: string; counts?: Record<string, number> };
      let shown = performance.now();
      for (;;) {
        campaign = (await instances[0]!.request('campaign', { campaignId: id })) as typeof campaign;
        if (campaign.status === 'completed') break;
        if (performance.now() - shown > 10_000) {
          shown = performance.now();
          progress(`round ${round_ + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(campaign.counts ?? {}).filter(([, n]) => n > 0)))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const wallSeconds = (performance.now() - started) / 1000;
      const after = await sandbox.miniPrograms();
      const countersAfter = (await sandbox.counters()).paths;
      let duplicateSubmissions = 0;
      let duplicateCommits = 0;
      for (const mp of after) {
        const was = before.get(mp.appId);
        duplicateSubmissions += Math.max(0, mp.audits - (was?.audits ?? 0) - 1);
        duplicateCommits += Math.max(0, mp.commits - (was?.commits ?? 0) - 1);
      }
      const calls = PATHS.reduce((sum, path) => sum + (countersAfter[path] ?? 0) - (countersBefore[path] ?? 0), 0);
      const idealSeconds = (STEPS_PER_APP * options.miniPrograms) / options.rateLimitPerSecond;
      const result: FleetRound = {
        released: campaign.counts?.['released'] ?? 0,
        failed: campaign.counts?.['failed'] ?? 0,
        wallSeconds: round(wallSeconds),
        idealSeconds: round(idealSeconds),
        efficiency: round(idealSeconds / wallSeconds),
        duplicateSubmissions,
        duplicateCommits,
        callsPerApp: round(calls / options.miniPrograms),
      };
      progress(`round ${round_ + 1}: ${JSON.stringify(result)}`);
      rounds.push(result);
    }
    const walls = rounds.map((r) => r.wallSeconds);
    const efficiencies = rounds.map((r) => r.efficiency);
    return {
      miniPrograms: options.miniPrograms,
      rateLimitPerSecond: options.rateLimitPerSecond,
      concurrency: options.concurrency,
      rounds,
      median: { wallSeconds: median(walls), efficiency: median(efficiencies) },
      spread: { wallSeconds: [Math.min(...walls), Math.max(...walls)], efficiency: [Math.min(...efficiencies), Math.max(...efficiencies)] },
      duplicateSubmissions: rounds.reduce((sum, r) => sum + r.duplicateSubmissions, 0),
    };
  } finally {
    await Promise.all(instances.map((child) => child.stop()));
    await sandboxChild.stop();
    await deleteKeys(redis.client, `${keyPrefix}:*`);
    await redis.close();
  }
}

function progress(line: string): void {
  console.error(`  fleet: ${line}`);
}
