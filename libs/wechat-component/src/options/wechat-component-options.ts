import type { Cache } from 'cache-manager';
import type { AuthorizerStore } from '../store/authorizer-store.js';

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
   * A cache-manager v5 `Cache` holding tickets, tokens and authorizers. Default: in memory (one process only).
   * Several instances must share a Redis store (cache-manager-redis-yet): its client also provides the locks.
   */
  store?: Cache;
  /** Where durable authorizer records (refresh tokens) live. Default: the `store`, with no expiry. */
  authorizerStore?: AuthorizerStore;
  /** First segment of every store key: `{keyPrefix}:{componentAppId}:…`. Default `wechat-component`. */
  keyPrefix?: string;
  /** The scheduled token refresh; `false` switches it off. */
  refresh?: false | RefreshOptions;
  /** HTTP settings for calls to WeChat. */
  http?: HttpOptions;
  /** How component events (the authorization event URL) are handled. */
  events?: EventOptions;
  /** How messages and events of authorized accounts (the message and event URL) are handled. */
  messages?: MessageOptions;
}

/** Options of the scheduled refresh of access tokens. */
export interface RefreshOptions {
  /** Cron expression with seconds (six fields). Default every minute: `0 * * * * *`. */
  cron?: string;
  /** Refresh tokens expiring within this many seconds. Default 900 (a token is never refreshed with over half its life left). */
  aheadSeconds?: number;
  /** Refreshes running at once per instance. Default 8. */
  concurrency?: number;
}

/** HTTP settings for calls to WeChat. */
export interface HttpOptions {
  /** Timeout of one call, in milliseconds. Default 5000. */
  timeoutMs?: number;
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
  /** How long a handled message and its answer are remembered, so WeChat's retries get the same answer. Default 300 s. */
  dedupeTtlSeconds?: number;
}

/** Options that shape routes, so they are fixed when the module is imported (also for `forRootAsync`). */
export interface WeChatComponentModuleExtras {
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
  /** Largest push body accepted, in bytes. Default 65536. */
  maxBodyBytes?: number;
}
