/**
 * Errors thrown by nestjs-wechat-component.
 *
 * Every message is safe to log: no access token, refresh token, app secret or AES key is ever part of one.
 */

/**
 * Every `code` a {@link WeChatComponentError} carries: a closed list, so `switch (error.code)` is checked and a typo
 * in a comparison is a compile error. Codes never change meaning; a new failure gets a new code here.
 */
export type WeChatComponentErrorCode =
  // Start-up: options or the store the application passed cannot be used.
  | 'INVALID_OPTIONS'
  | 'UNSUPPORTED_STORE'
  | 'INVALID_FLEET_OPTIONS'
  // The component: verify ticket, authorization codes, `openapi/rid/get`.
  | 'COMPONENT_VERIFY_TICKET_MISSING'
  | 'AUTHORIZATION_CODE_MISSING'
  | 'QUERY_AUTH_TIMEOUT'
  | 'RID_MISSING'
  // Authorizers.
  | 'AUTHORIZER_NOT_FOUND'
  | 'AUTHORIZER_REVOKED'
  | 'AUTHORIZER_REAUTHORIZATION_REQUIRED'
  | 'IMPORT_INVALID'
  // Access tokens: waiting for another instance's refresh, or a refresh past its deadline.
  | 'TOKEN_REFRESH_TIMEOUT'
  | 'TOKEN_REFRESH_DEADLINE'
  // WeChat's answer: an errcode (`WeChatApiError`), or no usable answer (`WeChatHttpError`).
  | 'WECHAT_API_ERROR'
  | 'WECHAT_HTTP_ERROR'
  // The store.
  | 'STORE_UNAVAILABLE'
  | 'STORE_WRITE_CONFLICT'
  // Pushes to the webhooks.
  | 'INVALID_PUSH'
  | 'PUSH_IN_PROGRESS'
  // Release campaigns (`nestjs-wechat-component/fleet`).
  | 'CAMPAIGN_NOT_FOUND'
  | 'CAMPAIGN_STATE'
  | 'INVALID_CAMPAIGN';

/** Base class of every error this module throws; `code` is a stable, machine-readable name. */
export class WeChatComponentError extends Error {
  constructor(
    /** Stable identifier of the failure, e.g. `COMPONENT_VERIFY_TICKET_MISSING`. */
    readonly code: WeChatComponentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Module options failed validation at start-up; `problems` lists every bad field. */
export class WeChatComponentConfigError extends WeChatComponentError {
  declare readonly code: 'INVALID_OPTIONS';

  constructor(readonly problems: readonly string[]) {
    super(
      'INVALID_OPTIONS',
      `WeChatComponentModule options are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/**
 * No `component_verify_ticket` has been received yet (or the last one is older than 12 hours), so the component
 * access token cannot be fetched. The module has asked WeChat to push one (`api_start_push_ticket`); check that the
 * authorization event URL configured on the Open Platform reaches this service.
 */
export class ComponentVerifyTicketMissingError extends WeChatComponentError {
  declare readonly code: 'COMPONENT_VERIFY_TICKET_MISSING';

  constructor(componentAppId: string) {
    super(
      'COMPONENT_VERIFY_TICKET_MISSING',
      `No component_verify_ticket has been received for component ${componentAppId} in the last 12 hours. ` +
        'WeChat pushes it every 10 minutes to the authorization event URL (POST {prefix}/events); ' +
        'a push has been requested with api_start_push_ticket. Check that the URL configured on the Open Platform reaches this service.',
    );
  }
}

/** The authorizer is not known to this platform: it never authorized, or its authorization was never stored. */
export class AuthorizerNotFoundError extends WeChatComponentError {
  declare readonly code: 'AUTHORIZER_NOT_FOUND';

  constructor(readonly authorizerAppId: string) {
    super(
      'AUTHORIZER_NOT_FOUND',
      `Authorizer ${authorizerAppId} is not known to this platform. It must authorize the platform first ` +
        '(authorization page → queryAuth), or be recovered with ComponentService.reconcileAuthorizers().',
    );
  }
}

/** The authorizer revoked the authorization (an `unauthorized` push, or WeChat answered 61003). */
export class AuthorizerRevokedError extends WeChatComponentError {
  declare readonly code: 'AUTHORIZER_REVOKED';

  constructor(readonly authorizerAppId: string) {
    super(
      'AUTHORIZER_REVOKED',
      `Authorizer ${authorizerAppId} has revoked its authorization of this platform; it must authorize again.`,
    );
  }
}

/**
 * The stored refresh token was refused (61023) and `api_get_authorizer_list` had no better one: the account must
 * go through the authorization page again.
 */
export class AuthorizerReauthorizationRequiredError extends WeChatComponentError {
  declare readonly code: 'AUTHORIZER_REAUTHORIZATION_REQUIRED';

  constructor(readonly authorizerAppId: string) {
    super(
      'AUTHORIZER_REAUTHORIZATION_REQUIRED',
      `The refresh token of authorizer ${authorizerAppId} is invalid (61023) and WeChat's authorizer list has no valid one; ` +
        'the account must authorize the platform again.',
    );
  }
}

/**
 * Why an exchange with WeChat failed: `deadline` (no complete answer within `http.timeoutMs`), `reset` (the
 * connection was reset or closed mid-answer), `refused` (nothing listens), `network` (another network failure, e.g.
 * DNS), `http <status>` (a status other than 2xx, e.g. `http 502`), `not json` (a 2xx answer that is not JSON).
 */
export type WeChatHttpFailure = 'deadline' | 'reset' | 'refused' | 'network' | `http ${number}` | 'not json';

/**
 * The HTTP exchange with WeChat failed (the deadline, a reset or refused connection, a non-2xx status or an answer
 * that is not JSON). `transient` says whether the same call may well succeed a moment later (5xx, deadline, reset,
 * refused, a temporary network failure); the module has then already retried it if it is idempotent. The message
 * names the path and the reason only — never the URL with its query (which carries the access token).
 */
export class WeChatHttpError extends WeChatComponentError {
  declare readonly code: 'WECHAT_HTTP_ERROR';

  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** True when trying again later may succeed. */
  readonly transient: boolean;

  constructor(
    /** The API path called, without its query string. */
    readonly path: string,
    /** Why it failed, e.g. `deadline`, `reset`, `http 502`. */
    readonly reason: WeChatHttpFailure,
    details: { readonly status?: number; readonly transient: boolean; readonly detail?: string },
  ) {
    super(
      'WECHAT_HTTP_ERROR',
      `WeChat API ${path} failed: ${reason}${details.detail ? ` (${details.detail})` : ''}${details.transient ? ', transient' : ''}`,
    );
    if (details.status !== undefined) this.status = details.status;
    this.transient = details.transient;
  }
}

/** A push to one of the webhooks was refused; `status` is the HTTP status the webhook answers with. */
export class InvalidPushError extends WeChatComponentError {
  declare readonly code: 'INVALID_PUSH';

  constructor(
    readonly status: 400 | 401 | 403 | 408 | 413 | 415,
    /** Short, safe reason sent back to the caller and logged. */
    readonly reason: string,
  ) {
    super('INVALID_PUSH', reason);
  }
}
