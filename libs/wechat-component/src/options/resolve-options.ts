import { CronTime } from 'cron';
import { WeChatComponentConfigError } from '../errors/wechat-component.errors.js';
import { isIoRedisClient } from '../store/ioredis-commands.js';
import { isNodeRedisClient } from '../store/node-redis-commands.js';
import { callBudgetMs, deriveTimings } from './derive-timings.js';
import type { ResolvedOptions, ResolvedWebhookOptions } from './resolved-options.js';
import type { WebhookOptions, WeChatComponentModuleOptions } from './wechat-component-options.js';

export const DEFAULTS = {
  apiBaseUrl: 'https://api.weixin.qq.com',
  mpBaseUrl: 'https://mp.weixin.qq.com',
  openBaseUrl: 'https://open.weixin.qq.com',
  keyPrefix: 'wechat-component',
  refresh: { cron: '0 * * * * *', aheadSeconds: 900, concurrency: 8, spreadSeconds: 1800, maxPerPass: 10_000, rateLimitPerSecond: 100 },
  reconcile: { cron: '0 17 4 * * *', whenEmptyAtStartup: true, storeCheckSeconds: 30 },
  http: { timeoutMs: 5000, retries: 2, retryBaseDelayMs: 200 },
  storeTimeoutMs: 1000,
  events: { autoQueryAuth: true, handlerTimeoutMs: 4000 },
  messages: { replyBudgetMs: 4000, releaseTestResponder: true, dedupeTtlSeconds: 300 },
  push: { maxAgeSeconds: 300 },
  webhook: { prefix: 'wechat/component', maxBodyBytes: 65_536, bodyTimeoutMs: 3000, fastPath: true },
} as const;

/** Collects every problem instead of stopping at the first, so one start-up error lists them all. */
class Problems {
  readonly list: string[] = [];

  requireText(name: string, value: unknown, rule?: { pattern: RegExp; says: string }): string {
    if (typeof value !== 'string' || value.trim() === '') {
      this.list.push(`${name} is required (a non-empty string)`);
      return '';
    }
    // Patterns are described, never echoed: some of these values are secrets.
    if (rule && !rule.pattern.test(value)) this.list.push(`${name} ${rule.says}`);
    return value;
  }

  url(name: string, value: unknown, fallback: string): string {
    if (value === undefined) return fallback;
    if (typeof value === 'string' && /^https?:\/\/[^\s/]+/.test(value)) return value.replace(/\/+$/, '');
    this.list.push(`${name} must be an http(s) URL`);
    return fallback;
  }

  integer(name: string, value: unknown, fallback: number, min: number, max: number): number {
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.list.push(`${name} must be an integer from ${min} to ${max}`);
    return fallback;
  }

  boolean(name: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.list.push(`${name} must be true or false`);
    return fallback;
  }

  cron(name: string, value: unknown, fallback: string): string {
    if (value === undefined) return fallback;
    try {
      if (typeof value !== 'string' || value.trim().split(/\s+/).length !== 6) throw new Error();
      new CronTime(value);
      return value;
    } catch {
      this.list.push(`${name} must be a cron expression with six fields (seconds first), e.g. "0 * * * * *"`);
      return fallback;
    }
  }

  object(name: string, value: unknown): Record<string, unknown> {
    if (value === undefined) return {};
    if (value !== null && typeof value === 'object') return value as Record<string, unknown>;
    this.list.push(`${name} must be an object`);
    return {};
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new WeChatComponentConfigError(this.list);
  }
}

/** Validates user options and fills in defaults; throws {@link WeChatComponentConfigError} naming every bad field. */
export function resolveOptions(input: WeChatComponentModuleOptions): ResolvedOptions {
  const problems = new Problems();
  if (input === null || typeof input !== 'object') problems.list.push('options must be an object');
  const options = (input ?? {}) as Partial<WeChatComponentModuleOptions>;
  const resolved: Omit<ResolvedOptions, 'timings'> = {
    componentAppId: problems.requireText('componentAppId', options.componentAppId, {
      pattern: /^wx[0-9A-Za-z]{16}$/,
      says: 'must look like a WeChat AppID: "wx" followed by 16 letters or digits',
    }),
    componentAppSecret: problems.requireText('componentAppSecret', options.componentAppSecret),
    token: problems.requireText('token', options.token, {
      pattern: /^[A-Za-z0-9]{3,32}$/,
      says: 'must be 3 to 32 letters or digits (as on the Open Platform)',
    }),
    encodingAESKey: problems.requireText('encodingAESKey', options.encodingAESKey, {
      pattern: /^[A-Za-z0-9]{43}$/,
      says: 'must be exactly 43 letters or digits',
    }),
    apiBaseUrl: problems.url('apiBaseUrl', options.apiBaseUrl, DEFAULTS.apiBaseUrl),
    mpBaseUrl: problems.url('mpBaseUrl', options.mpBaseUrl, DEFAULTS.mpBaseUrl),
    openBaseUrl: problems.url('openBaseUrl', options.openBaseUrl, DEFAULTS.openBaseUrl),
    store: checkStore(problems, options.store),
    authorizerStore: checkAuthorizerStore(problems, options.authorizerStore),
    keyPrefix:
      options.keyPrefix === undefined
        ? DEFAULTS.keyPrefix
        : problems.requireText('keyPrefix', options.keyPrefix, {
            // Braces would turn parts of keys into Redis Cluster hash tags and split a lock from the key it fences.
            pattern: /^[^\s{}]+$/,
            says: 'must not contain spaces or braces',
          }),
    storeTimeoutMs: problems.integer('storeTimeoutMs', options.storeTimeoutMs, DEFAULTS.storeTimeoutMs, 10, 30_000),
    refresh: resolveRefresh(problems, options.refresh),
    reconcile: resolveReconcile(problems, options.reconcile),
    http: resolveHttp(problems, problems.object('http', options.http)),
    events: resolveEvents(problems, problems.object('events', options.events)),
    messages: resolveMessages(problems, problems.object('messages', options.messages)),
    push: resolvePush(problems, problems.object('push', options.push)),
  };
  problems.throwIfAny();
  return {
    ...resolved,
    timings: deriveTimings({
      httpTimeoutMs: resolved.http.timeoutMs,
      httpCallBudgetMs: resolved.http.callBudgetMs,
      pushMaxAgeMs: resolved.push.maxAgeMs,
      dedupeTtlMs: resolved.messages.dedupeTtlSeconds * 1000,
      replyBudgetMs: resolved.messages.replyBudgetMs,
      refreshAheadMs: (resolved.refresh || DEFAULTS.refresh).aheadSeconds * 1000,
    }),
  };
}

function resolveHttp(problems: Problems, http: Record<string, unknown>): ResolvedOptions['http'] {
  const d = DEFAULTS.http;
  const policy = {
    timeoutMs: problems.integer('http.timeoutMs', http.timeoutMs, d.timeoutMs, 100, 120_000),
    retries: problems.integer('http.retries', http.retries, d.retries, 0, 5),
    retryBaseDelayMs: problems.integer('http.retryBaseDelayMs', http.retryBaseDelayMs, d.retryBaseDelayMs, 1, 10_000),
  };
  return { ...policy, callBudgetMs: callBudgetMs(policy) };
}

function resolveRefresh(problems: Problems, value: unknown): ResolvedOptions['refresh'] {
  if (value === false) return false;
  const refresh = problems.object('refresh', value);
  const d = DEFAULTS.refresh;
  return {
    cron: problems.cron('refresh.cron', refresh.cron, d.cron),
    aheadSeconds: problems.integer('refresh.aheadSeconds', refresh.aheadSeconds, d.aheadSeconds, 1, 7200),
    concurrency: problems.integer('refresh.concurrency', refresh.concurrency, d.concurrency, 1, 1000),
    spreadSeconds: problems.integer('refresh.spreadSeconds', refresh.spreadSeconds, d.spreadSeconds, 0, 7200),
    maxPerPass: problems.integer('refresh.maxPerPass', refresh.maxPerPass, d.maxPerPass, 1, 1_000_000),
    rateLimitPerSecond: problems.integer('refresh.rateLimitPerSecond', refresh.rateLimitPerSecond, d.rateLimitPerSecond, 1, 100_000),
  };
}

function resolveReconcile(problems: Problems, value: unknown): ResolvedOptions['reconcile'] {
  if (value === false) return false;
  const reconcile = problems.object('reconcile', value);
  const d = DEFAULTS.reconcile;
  return {
    cron: problems.cron('reconcile.cron', reconcile.cron, d.cron),
    whenEmptyAtStartup: problems.boolean('reconcile.whenEmptyAtStartup', reconcile.whenEmptyAtStartup, d.whenEmptyAtStartup),
    storeCheckSeconds: problems.integer('reconcile.storeCheckSeconds', reconcile.storeCheckSeconds, d.storeCheckSeconds, 1, 3600),
  };
}

function resolveEvents(problems: Problems, events: Record<string, unknown>): ResolvedOptions['events'] {
  const d = DEFAULTS.events;
  return {
    autoQueryAuth: problems.boolean('events.autoQueryAuth', events.autoQueryAuth, d.autoQueryAuth),
    handlerTimeoutMs: problems.integer('events.handlerTimeoutMs', events.handlerTimeoutMs, d.handlerTimeoutMs, 1, 60_000),
  };
}

function resolveMessages(problems: Problems, messages: Record<string, unknown>): ResolvedOptions['messages'] {
  const d = DEFAULTS.messages;
  return {
    // Past ~5 s WeChat has stopped waiting: a longer budget only turns replies into retries.
    replyBudgetMs: problems.integer('messages.replyBudgetMs', messages.replyBudgetMs, d.replyBudgetMs, 1, 4900),
    releaseTestResponder: problems.boolean('messages.releaseTestResponder', messages.releaseTestResponder, d.releaseTestResponder),
    dedupeTtlSeconds: problems.integer('messages.dedupeTtlSeconds', messages.dedupeTtlSeconds, d.dedupeTtlSeconds, 30, 86_400),
  };
}

function resolvePush(problems: Problems, push: Record<string, unknown>): ResolvedOptions['push'] {
  // Under 30 s an ordinary clock drift refuses real pushes; over an hour a captured push stays usable too long.
  const maxAgeSeconds = problems.integer('push.maxAgeSeconds', push.maxAgeSeconds, DEFAULTS.push.maxAgeSeconds, 30, 3600);
  return { maxAgeMs: maxAgeSeconds * 1000 };
}

function checkStore(problems: Problems, store: unknown): ResolvedOptions['store'] {
  if (store === undefined) return undefined;
  if (isNodeRedisClient(store) || isIoRedisClient(store) || isCache(store)) return store as ResolvedOptions['store'];
  problems.list.push(
    'store must be the app’s node-redis or ioredis client, or a cache-manager Cache over Redis ' +
      '(6/7 with a @keyv/redis store, or 5 with cache-manager-redis-yet)',
  );
  return undefined;
}

/** A cache-manager Cache: 5 (`store`) or 6/7 (`stores`). Whether Redis is under it is checked when the store is built. */
function isCache(value: unknown): boolean {
  const cache = value as Record<string, unknown> | null;
  if (typeof cache !== 'object' || cache === null) return false;
  const hasStores = Array.isArray(cache.stores) || (typeof cache.store === 'object' && cache.store !== null);
  return hasStores && ['get', 'set', 'del'].every((method) => typeof cache[method] === 'function');
}

function checkAuthorizerStore(problems: Problems, store: unknown): ResolvedOptions['authorizerStore'] {
  if (store === undefined) return undefined;
  const candidate = store as Record<string, unknown>;
  if (candidate && ['get', 'save', 'list', 'count'].every((method) => typeof candidate[method] === 'function')) {
    return store as ResolvedOptions['authorizerStore'];
  }
  problems.list.push('authorizerStore must implement AuthorizerStore (get, save, list, count)');
  return undefined;
}

/** Validates the webhook extras of the module. */
export function resolveWebhookOptions(input: false | WebhookOptions | undefined, platformName?: string): ResolvedWebhookOptions | false {
  if (input === false) return false;
  const problems = new Problems();
  const webhook = problems.object('webhook', input);
  const prefix =
    webhook.prefix === undefined
      ? platformName === undefined
        ? DEFAULTS.webhook.prefix
        : `${DEFAULTS.webhook.prefix}/${platformName}`
      : problems.requireText('webhook.prefix', webhook.prefix, {
          pattern: /^\/?[A-Za-z0-9_\-/.]*$/,
          says: 'must be a route path such as "wechat/component"',
        });
  const maxBodyBytes = problems.integer('webhook.maxBodyBytes', webhook.maxBodyBytes, DEFAULTS.webhook.maxBodyBytes, 1024, 10_485_760);
  const bodyTimeoutMs = problems.integer('webhook.bodyTimeoutMs', webhook.bodyTimeoutMs, DEFAULTS.webhook.bodyTimeoutMs, 100, 60_000);
  const fastPath = problems.boolean('webhook.fastPath', webhook.fastPath, DEFAULTS.webhook.fastPath);
  const decorators = webhook.decorators ?? [];
  if (!Array.isArray(decorators) || !decorators.every((decorator) => typeof decorator === 'function')) {
    problems.list.push('webhook.decorators must be an array of class decorators, e.g. [Public()]');
  }
  problems.throwIfAny();
  return { prefix: prefix.replace(/^\/+|\/+$/g, ''), maxBodyBytes, bodyTimeoutMs, fastPath, decorators: decorators as readonly ClassDecorator[] };
}

/** Validates the `name` extra of a registration (it names injection tokens and a route segment). */
export function resolvePlatformName(name: unknown): string | undefined {
  if (name === undefined) return undefined;
  if (typeof name === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(name)) return name;
  throw new WeChatComponentConfigError(['name must be 1 to 64 letters, digits, "-" or "_"']);
}
