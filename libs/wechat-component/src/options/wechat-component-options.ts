import type { AuthorizerStore } from '../store/authorizer-store.js';
import type { WeChatComponentStore } from '../store/store-option.js';

/** Options of {@link WeChatComponentModule}. Validated at start-up: one error names every bad field. */
export interface WeChatComponentModuleOptions {
  /** The third-party platform's AppID (第三方平台 AppID). */
  componentAppId: string;
  /** The platform's AppSecret. Never logged. */
  componentAppSecret: string;
  /** The message-check Token (消息校验 Token) configured on the Open Platform. */
  token: string;
  /** The 43-character EncodingAESKey (消息加解密 Key). Never logged. */
  encodingAESKey: string;
  /** Base URL of WeChat's API. Default `https://api.weixin.qq.com`; point it at the sandbox in development. */
  apiBaseUrl?: string;
  /** Base URL of the authorization pages. Default `https://mp.weixin.qq.com`. */
  mpBaseUrl?: string;
  /** Base URL of the web OAuth pages. Default `https://open.weixin.qq.com`. */
  openBaseUrl?: string;
  /**
   * Where tickets, tokens, leases and authorizers live: the Redis the app already has — its node-redis or ioredis
   * client, or its cache (cache-manager 6/7 with `@keyv/redis`, cache-manager 5 with cache-manager-redis-yet), whose
   * Redis client the module then uses directly. Several instances must share one. Default: in memory (one process
   * only). A cache without Redis under it is refused at start-up. See {@link WeChatComponentStore}.
   */
  store?: WeChatComponentStore;
  /** Where durable authorizer records (refresh tokens) live. Default: the `store`, with no expiry. */
  authorizerStore?: AuthorizerStore;
  /** First segment of every store key: `{keyPrefix}:{componentAppId}:…`. Default `wechat-component`. */
  keyPrefix?: string;
  /**
   * The most one store (Redis) operation may take, in ms. While Redis is down calls fail at once with
   * `StoreUnavailableError` (nothing queues up); a call with no answer after this long fails the same way, so a
   * webhook still answers 5xx within WeChat's 5 s and WeChat retries. Default 1000.
   */
  storeTimeoutMs?: number;
  /** The scheduled token refresh; `false` switches it off. */
  refresh?: false | RefreshOptions;
  /**
   * The scheduled reconciliation with `api_get_authorizer_list` (refresh tokens re-read, lost or unknown accounts
   * registered); `false` switches it off. `ComponentService.reconcileAuthorizers()` runs it on demand either way.
   */
  reconcile?: false | ReconcileOptions;
  /** HTTP settings for calls to WeChat. */
  http?: HttpOptions;
  /** How component events (the authorization event URL) are handled. */
  events?: EventOptions;
  /** How messages and events of authorized accounts (the message and event URL) are handled. */
  messages?: MessageOptions;
  /**
   * What every push must satisfy, on both URLs, whether it comes through the module's webhooks or through
   * `ComponentService.handleEvent` / `AuthorizerMessageService.handle` on a route of your own.
   */
  push?: PushOptions;
}

/** Checks on every push, after its signature. */
export interface PushOptions {
  /**
   * The freshness window, in seconds: a push whose signed `timestamp` is further than this from now, in the past or
   * the future, is refused (`InvalidPushError` 403; the webhooks answer 403 and log a warning) and changes nothing.
   * A captured push cannot be replayed after the window, and the duplicate markers outlive it, so it cannot be
   * replayed within the window either. WeChat signs each delivery when it sends it (retries come within seconds), so
   * only a clock off by more than the window refuses real pushes: keep the server's clock synchronised.
   * Default 300 (5 minutes); 30 to 3600.
   */
  maxAgeSeconds?: number;
}

/** Options of the scheduled refresh of access tokens. */
export interface RefreshOptions {
  /** Cron expression with seconds (six fields). Default every minute: `0 * * * * *`. */
  cron?: string;
  /** Refresh tokens expiring within this many seconds. Default 900 (a token is never refreshed with over half its life left). */
  aheadSeconds?: number;
  /** Refreshes running at once per instance. Default 8. */
  concurrency?: number;
  /**
   * Renew each token up to this many seconds earlier than `aheadSeconds`, by a per-token jitter, so tokens obtained
   * together are not all renewed together again (never with more than half of a token's life left). Default 1800;
   * 0 renews every token exactly `aheadSeconds` before it expires.
   */
  spreadSeconds?: number;
  /** The most authorizer tokens one instance refreshes in one pass; the rest wait for the next tick. Default 10000. */
  maxPerPass?: number;
  /**
   * Calls per second to WeChat made by the scheduled work (refreshes and reconciliation pages), for all instances
   * sharing the store together (kept in Redis with a Redis store). Default 100.
   */
  rateLimitPerSecond?: number;
}

/** Options of the scheduled reconciliation with `api_get_authorizer_list`. */
export interface ReconcileOptions {
  /** Cron expression with seconds (six fields). Default once a day at 04:17:00: `0 17 4 * * *`. */
  cron?: string;
  /**
   * Reconcile when the store turns out to be empty — at start-up (a new or flushed Redis) or later (a Redis that
   * restarted empty or failed over to an empty replica): a sentinel key is looked for every `storeCheckSeconds`, and
   * when it is gone the accounts are re-read from WeChat's list as soon as a verify ticket allows it (one is requested
   * when the ticket went with the data). Default true.
   */
  whenEmptyAtStartup?: boolean;
  /** How often each instance looks for the store's sentinel key, in seconds. Default 30. */
  storeCheckSeconds?: number;
}

/**
 * HTTP settings for calls to WeChat: a total deadline per attempt, and bounded, jittered retries of transient
 * failures on idempotent calls. One call (its attempts and the waits between them) never takes longer than
 * `(retries + 1) × timeoutMs + retryBaseDelayMs × (2^retries − 1)` — 15,600 ms with the defaults.
 */
export interface HttpOptions {
  /**
   * Total deadline of one attempt, in ms (100..120000): connecting, sending, the headers and the whole JSON body.
   * It is not an idle timeout: an answer trickling in is cut off at the deadline. For file answers (downloads) it
   * runs until the headers have arrived and the answer is known to be a file; reading the file's stream is then up
   * to the caller. Default 5000.
   */
  timeoutMs?: number;
  /**
   * How many times (0..5) an idempotent call is tried again after a transient failure: HTTP 5xx, a reset or
   * refused connection, the deadline, or errcode -1 ("system busy"). Idempotent calls are GETs and the POSTs that
   * only read (authorizer info, list and options). Calls that issue or rotate tokens and codes are never retried
   * (a retried `api_authorizer_token` after a lost answer could rotate a refresh token twice), nor are quota errors
   * (45009, 45011). Default 2.
   */
  retries?: number;
  /**
   * Base of the exponential backoff between retries, in ms (1..10000): retry k waits a random time between half of
   * and all of `retryBaseDelayMs × 2^(k−1)`. Default 200.
   */
  retryBaseDelayMs?: number;
}

/** How component events are handled. */
export interface EventOptions {
  /** Call `api_query_auth` on `authorized` / `updateauthorized` pushes. Default true. */
  autoQueryAuth?: boolean;
  /** How long the webhook waits for `@OnComponentEvent` handlers before answering WeChat. Default 4000 ms. */
  handlerTimeoutMs?: number;
}

/** How messages and events of authorized accounts are handled (`@OnAuthorizerMessage`, passive replies). */
export interface MessageOptions {
  /**
   * How long the message URL waits for `@OnAuthorizerMessage` handlers before answering, in ms (WeChat gives up
   * after 5 s). A handler not done by then gets `success` sent for it and a warning; it keeps running. Default 4000.
   */
  replyBudgetMs?: number;
  /**
   * Answer WeChat's full-network-release test (全网发布) for its test accounts, ahead of application handlers.
   * Default true; switch it off only to answer the test yourself.
   */
  releaseTestResponder?: boolean;
  /**
   * How long a handled message and its answer are remembered, so WeChat's retries get the same answer. Default 300 s.
   * Markers of handled pushes always outlive twice the freshness window (`push.maxAgeSeconds`) plus a minute, so a
   * replay is either remembered or refused as stale.
   */
  dedupeTtlSeconds?: number;
}

/** Options that shape routes, so they are fixed when the module is imported (also for `forRootAsync`). */
export interface WeChatComponentModuleExtras {
  /**
   * Several third-party platforms in one app: give each registration a name. A named registration exports its
   * providers under named tokens (`@InjectPlatform(ComponentService, 'shop')`, `getPlatformToken(…)`) instead of their
   * classes, serves its webhooks under `wechat/component/{name}` unless `webhook.prefix` says otherwise, and runs the
   * `@OnComponentEvent` / `@OnAuthorizerMessage` handlers meant for every platform or for it (`{ platform: name }`).
   * Its keys are namespaced by its `componentAppId` as always. Letters, digits, `-` and `_`.
   */
  name?: string;
  /** Make the module's providers available everywhere. Default false. */
  isGlobal?: boolean;
  /** The webhook controllers; `false` when the application routes pushes itself (see `ComponentService.handleEvent`). */
  webhook?: false | WebhookOptions;
}

/** Options of the webhook controllers. */
export interface WebhookOptions {
  /**
   * Route prefix: the authorization event URL is `POST /{prefix}/events`, the message and event URL
   * `POST /{prefix}/messages/:appId` (configure it at WeChat as `…/messages/$APPID$`). Default `wechat/component`.
   */
  prefix?: string;
  /** Largest push body accepted, in bytes; a larger one is answered 413 and its connection closed. Default 65536. */
  maxBodyBytes?: number;
  /**
   * How long a push body may take to arrive, in milliseconds, counted from when the handler starts reading it (WeChat
   * sends a push of a few hundred bytes at once). A body still incomplete then is answered 408 and its connection
   * closed, so a client trickling bytes holds nothing. Default 3000; 100 to 60000.
   */
  bodyTimeoutMs?: number;
  /**
   * Answer the two webhook URLs straight from the HTTP server, ahead of the framework's router: about twice the pushes
   * per second (routing a push through Nest and Express costs more than opening it), but the application's global
   * middleware, guards, interceptors and exception filters do not see these two routes (the global prefix is
   * honoured). Default false.
   */
  fastPath?: boolean;
  /**
   * Class decorators applied to both webhook controllers, as if written above them — typically the application's
   * own `@Public()` (`SetMetadata(IS_PUBLIC_KEY, true)`) so its global auth guard lets WeChat's pushes through, or
   * `SkipThrottle()`. The controllers also carry `WECHAT_WEBHOOK_METADATA` either way. Default none.
   */
  decorators?: readonly ClassDecorator[];
}
