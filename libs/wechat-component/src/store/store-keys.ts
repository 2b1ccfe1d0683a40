/**
 * Every key the module writes, namespaced `{keyPrefix}:{componentAppId}:…` so several platforms (or environments)
 * can share one Redis without seeing each other's tokens.
 */
export class StoreKeys {
  private readonly ns: string;

  constructor(keyPrefix: string, componentAppId: string) {
    this.ns = `${keyPrefix}:${componentAppId}`;
  }

  /** The latest component_verify_ticket (12 h). */
  get ticket(): string {
    return `${this.ns}:ticket`;
  }

  get componentToken(): string {
    return `${this.ns}:token:component`;
  }

  authorizerToken(appId: string): string {
    return `${this.ns}:token:authorizer:${appId}`;
  }

  /** An authorizer's `jsapi` or `wx_card` ticket (kept like an access token, for its lifetime). */
  authorizerTicket(appId: string, type: string): string {
    return `${this.ns}:js-ticket:${type}:${appId}`;
  }

  /** The durable record of an authorizer (refresh token, status): never expires. */
  authorizer(appId: string): string {
    return `${this.ns}:authorizer:${appId}`;
  }

  /** Ordered index of every known authorizer. */
  get authorizerIndex(): string {
    return `${this.ns}:authorizers`;
  }

  /**
   * Ordered index of authorizers by when their access token is due for the scheduled refresh (epoch ms); a claimed
   * entry carries the time its claim lapses.
   */
  get refreshDueIndex(): string {
    return `${this.ns}:refresh-due`;
  }

  /** The next free slot of the scheduled work's shared rate limit. */
  get refreshRate(): string {
    return `${this.ns}:rate:refresh`;
  }

  /** Lease lock of the scheduled reconciliation with `api_get_authorizer_list`. */
  get reconcileLock(): string {
    return `${this.ns}:reconcile:lock`;
  }

  /**
   * Lease lock guarding the refresh of the token (or other resource) stored at `key`. The key in braces is a Redis
   * Cluster hash tag: the lock lives in the key's own slot, so a write fenced by the lock is one atomic script.
   */
  lock(key: string): string {
    return `{${key}}:lock`;
  }

  /**
   * A durable marker written once into a store: when it is gone, the store lost its data (a Redis restarted empty,
   * flushed or failed over to an empty replica) and the authorizers are reconciled from WeChat's list.
   */
  get sentinel(): string {
    return `${this.ns}:sentinel`;
  }

  /** Set while a reconciliation is owed (the store was found empty); cleared by the reconciliation that succeeds. */
  get reconcileNeeded(): string {
    return `${this.ns}:reconcile:needed`;
  }

  /** Rate limit of api_start_push_ticket requests across instances. */
  get ticketPushRequested(): string {
    return `${this.ns}:ticket:push-requested`;
  }

  /** Short-lived marker of a handled push or consumed authorization code, by digest. */
  marker(kind: string, digest: string): string {
    return `${this.ns}:seen:${kind}:${digest}`;
  }

  /** Memo of an authorization code's result, so the redirect and the `authorized` push share one api_query_auth. */
  authorizationCode(digest: string): string {
    return `${this.ns}:auth-code:${digest}`;
  }
}
