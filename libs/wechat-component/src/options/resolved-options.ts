import type { Cache } from 'cache-manager';
import type { AuthorizerStore } from '../store/authorizer-store.js';

/** Options after validation, with every default filled in. Internal. */
export interface ResolvedOptions {
  readonly componentAppId: string;
  readonly componentAppSecret: string;
  readonly token: string;
  readonly encodingAESKey: string;
  readonly apiBaseUrl: string;
  readonly mpBaseUrl: string;
  readonly openBaseUrl: string;
  readonly store?: Cache;
  readonly authorizerStore?: AuthorizerStore;
  readonly keyPrefix: string;
  readonly refresh: false | ResolvedRefreshOptions;
  readonly reconcile: false | { readonly cron: string; readonly whenEmptyAtStartup: boolean };
  readonly http: { readonly timeoutMs: number };
  readonly events: { readonly autoQueryAuth: boolean; readonly handlerTimeoutMs: number };
  readonly messages: {
    readonly replyBudgetMs: number;
    readonly releaseTestResponder: boolean;
    readonly dedupeTtlSeconds: number;
  };
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
  readonly fastPath: boolean;
  readonly decorators: readonly ClassDecorator[];
}
