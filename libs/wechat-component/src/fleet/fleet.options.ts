import type { ConnectionOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { FleetConfigError } from './fleet.errors.js';

/** The Redis the fleet keeps its queue and campaigns in: ioredis options, with `url` for a `redis://` URL. */
export type FleetConnection = RedisOptions & { readonly url?: string };

/**
 * Options of {@link WeChatFleetModule}. Every instance of the platform that shares a campaign uses the same
 * `connection` and `prefix`; the rate limit is one for all of them.
 */
export interface WeChatFleetModuleOptions {
  /** Redis for BullMQ and the campaigns (never an evicting cache: `maxmemory-policy noeviction`). */
  readonly connection: FleetConnection;
  /** Prefix of every key (BullMQ's and the campaigns'); in Redis Cluster use a hash tag, e.g. `{wechat-fleet}`. */
  readonly prefix?: string;
  /**
   * With several platforms in one app (`WeChatComponentModule.forRoot({ name })`): the registration whose mini
   * programs this fleet releases to. Default: the unnamed registration. (One fleet module per platform; give each its
   * own `prefix`.)
   */
  readonly platform?: string;
  /**
   * Steps per window across all instances (BullMQ's global rate limit): each step of an app makes at most one
   * acting WeChat call (the pre-flight makes two reads). Default 20 per second.
   */
  readonly rateLimit?: { readonly max: number; readonly durationMs: number };
  /** Steps at once on this instance (default 10). */
  readonly concurrency?: number;
  /** False: this instance starts, reads and steers campaigns but runs no steps (default true). */
  readonly worker?: boolean;
  /** First poll of `get_auditstatus` after a submission (the push normally comes first); doubles up to `auditPollMaxMs`. Default 5 min. */
  readonly auditPollMs?: number;
  /** Default 1 h. */
  readonly auditPollMaxMs?: number;
  /** How often an exhausted audit quota is read again (`wxa/queryquota`). Default 10 min. */
  readonly quotaRecheckMs?: number;
  /** How long a quota read is trusted while quota is left. Default 10 min. */
  readonly quotaRefreshMs?: number;
  /** Safety net of an app waiting for an audit slot (it is woken when one frees); grows with its place in line. Default 1 min. */
  readonly waitRecheckMs?: number;
  /** How often each campaign's supervisor runs (quota, waking waiting apps, completion). Default 5 s. */
  readonly tickMs?: number;
  /** How often the supervisor checks that every app that should have a job has one. Default 1 min. */
  readonly reconcileMs?: number;
  /** BullMQ's job lock: a dead instance's steps are taken over after about this long (renewed while alive). Default 30 s. */
  readonly lockDurationMs?: number;
  /** How often this instance looks for steps of dead instances. Default 15 s. */
  readonly stalledIntervalMs?: number;
  /** Attempts of a step that fails transiently (WeChat busy or unreachable, Redis down), with exponential backoff. Default 8. */
  readonly attempts?: number;
  /** First backoff of a failed step (doubled each attempt, jittered). Default 2 s. */
  readonly backoffMs?: number;
}

/** The options with every default filled in. */
export interface ResolvedFleetOptions extends Required<Omit<WeChatFleetModuleOptions, 'rateLimit' | 'platform'>> {
  readonly platform: string | undefined;
  readonly rateLimit: { readonly max: number; readonly durationMs: number };
}

/** The BullMQ queue of the fleet's steps (inject it with `@InjectQueue(FLEET_QUEUE)` to watch it). */
export const FLEET_QUEUE = 'wechat-fleet';

export const FLEET_DEFAULTS = {
  prefix: 'wechat-fleet',
  rateLimit: { max: 20, durationMs: 1000 },
  concurrency: 10,
  worker: true,
  auditPollMs: 5 * 60_000,
  auditPollMaxMs: 60 * 60_000,
  quotaRecheckMs: 10 * 60_000,
  quotaRefreshMs: 10 * 60_000,
  waitRecheckMs: 60_000,
  tickMs: 5000,
  reconcileMs: 60_000,
  lockDurationMs: 30_000,
  stalledIntervalMs: 15_000,
  attempts: 8,
  backoffMs: 2000,
} as const;

/** Fills in defaults and checks the options. @throws FleetConfigError naming every bad option. */
export function resolveFleetOptions(options: WeChatFleetModuleOptions): ResolvedFleetOptions {
  const problems: string[] = [];
  const positive = (name: string, value: number | undefined, fallback: number, min = 1): number => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < min) problems.push(`${name} must be a number ≥ ${min}`);
    return value;
  };
  if (typeof options?.connection !== 'object' || options.connection === null) problems.push('connection (ioredis options or { url }) is required');
  const prefix = options.prefix ?? FLEET_DEFAULTS.prefix;
  if (typeof prefix !== 'string' || prefix === '' || prefix.includes(' ')) problems.push('prefix must be a non-empty string without spaces');
  const rateLimit = options.rateLimit ?? FLEET_DEFAULTS.rateLimit;
  if (options.platform !== undefined && (typeof options.platform !== 'string' || options.platform === '')) problems.push('platform must be a registration name');
  const resolved: ResolvedFleetOptions = {
    connection: options.connection,
    prefix,
    platform: options.platform,
    rateLimit: { max: positive('rateLimit.max', rateLimit.max, 20), durationMs: positive('rateLimit.durationMs', rateLimit.durationMs, 1000) },
    concurrency: positive('concurrency', options.concurrency, FLEET_DEFAULTS.concurrency),
    worker: options.worker ?? FLEET_DEFAULTS.worker,
    auditPollMs: positive('auditPollMs', options.auditPollMs, FLEET_DEFAULTS.auditPollMs),
    auditPollMaxMs: positive('auditPollMaxMs', options.auditPollMaxMs, FLEET_DEFAULTS.auditPollMaxMs),
    quotaRecheckMs: positive('quotaRecheckMs', options.quotaRecheckMs, FLEET_DEFAULTS.quotaRecheckMs),
    quotaRefreshMs: positive('quotaRefreshMs', options.quotaRefreshMs, FLEET_DEFAULTS.quotaRefreshMs),
    waitRecheckMs: positive('waitRecheckMs', options.waitRecheckMs, FLEET_DEFAULTS.waitRecheckMs),
    tickMs: positive('tickMs', options.tickMs, FLEET_DEFAULTS.tickMs, 10),
    reconcileMs: positive('reconcileMs', options.reconcileMs, FLEET_DEFAULTS.reconcileMs),
    lockDurationMs: positive('lockDurationMs', options.lockDurationMs, FLEET_DEFAULTS.lockDurationMs, 500),
    stalledIntervalMs: positive('stalledIntervalMs', options.stalledIntervalMs, FLEET_DEFAULTS.stalledIntervalMs, 100),
    attempts: positive('attempts', options.attempts, FLEET_DEFAULTS.attempts),
    backoffMs: positive('backoffMs', options.backoffMs, FLEET_DEFAULTS.backoffMs, 0),
  };
  if (resolved.auditPollMaxMs < resolved.auditPollMs) problems.push('auditPollMaxMs must be ≥ auditPollMs');
  if (problems.length > 0) throw new FleetConfigError(problems);
  return resolved;
}

/** The connection as BullMQ takes it: it builds its ioredis clients from the same options (and `url`). */
export function bullmqConnection(connection: FleetConnection): ConnectionOptions {
  // BullMQ's RedisOptions type is a loose copy of ioredis's; the values are passed to ioredis as they are.
  return { ...connection } as unknown as ConnectionOptions;
}
