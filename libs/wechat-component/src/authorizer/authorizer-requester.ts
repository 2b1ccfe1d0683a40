import type { ApiRequest, ApiRequester } from '../apis/common.js';

/** A request made with an authorizer's access token (the token is added by the module): an {@link ApiRequest}. */
export type AuthorizerRequest = ApiRequest;

/**
 * How API groups call WeChat for one authorizer — the {@link ApiRequester} every group takes: the authorizer's access
 * token is added, refreshed and retried by the one request path of the module.
 */
export type AuthorizerRequester = ApiRequester;
