import type { AuthorizerStore } from '../store/authorizer-store.js';
import type { WeChatComponentStore } from '../store/store-option.js';
import type { DerivedTimings } from './derive-timings.js';

/** Options after validation, with every default filled in. Internal. */
export interface ResolvedOptions {
  readonly componentAppId: string;
  readonly componentAppSecret: string;
  readonly token: string;
  readonly encodingAESKey: string;
  readonly apiBaseUrl: string;
  readonly mpBaseUrl: string;
  readonly openBaseUrl: string;
  readonly store?: WeChatComponentStore;
  readonly authorizerStore?: AuthorizerStore;
  readonly keyPrefix: string;
  readonly storeTimeoutMs: number;
  readonly refresh: false | ResolvedRefreshOptions;
  readonly reconcile: false | { readonly cron: string; readonly whenEmptyAtStartup: boolean; readonly storeCheckSeconds: number };
  readonly http: ResolvedHttpOptions;
  readonly events: { readonly autoQueryAuth: boolean; readonly handlerTimeoutMs: number };
  readonly messages: {
    readonly replyBudgetMs: number;
    readonly releaseTestResponder: boolean;
    readonly dedupeTtlSeconds: number;
  };
  /** The freshness window of pushes (`push.maxAgeSeconds`), in ms; duplicate markers must outlive it. */
  readonly push: { readonly maxAgeMs: number };
  /** Timings derived from the options above (see `deriveTimings`). */
  readonly timings: DerivedTimings;
}

/** HTTP settings after validation, with the bound of one call derived from them. Internal. */
export interface ResolvedHttpOptions {
  /** Total deadline of one attempt, in ms. */
  readonly timeoutMs: number;
  /** Retries of a transient failure on an idempotent call. */
  readonly retries: number;
  /** Base of the exponential backoff between retries, in ms. */
  readonly retryBaseDelayMs: number;
  /**
   * The longest one call to WeChat can take, in ms, whatever WeChat does: every attempt cut at its deadline and the
   * longest wait before each retry — {@link callBudgetMs} of the three above. A non-idempotent call takes at most
   * `timeoutMs`. Does not cover getting the access token the call carries (another call), nor the one retry after
   * WeChat rejects a token (40001/40014/42001).
   */
  readonly callBudgetMs: number;
}

/** The scheduled refresh after validation. Internal. */
export interface ResolvedRefreshOptions {
  readonly cron: string;
  readonly aheadSeconds: number;
  readonly concurrency: number;
  readonly spreadSeconds: number;
  readonly maxPerPass: number;
  readonly rateLimitPerSecond: number;
}

/** Webhook settings after validation. Internal. */
export interface ResolvedWebhookOptions {
  readonly prefix: string;
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  readonly fastPath: boolean;
  readonly decorators: readonly ClassDecorator[];
}
