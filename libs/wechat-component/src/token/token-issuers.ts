/**
 * What the token lifecycle asks of WeChat's component endpoints. The endpoints themselves live in `component/` (one
 * client over the module's one request path); the token lifecycle sits below them and names only what it needs, so
 * the dependency runs one way. The module's provider wiring binds these tokens to the component endpoint classes.
 */

/** `api_component_token`. */
export interface ComponentTokenAnswer {
  component_access_token: string;
  expires_in: number;
}

/** `api_authorizer_token`. */
export interface AuthorizerTokenAnswer {
  authorizer_access_token: string;
  expires_in: number;
  authorizer_refresh_token?: string;
}

/** The endpoints that issue the component token itself (signed with the AppSecret, no token needed). */
export interface ComponentTokenIssuer {
  /** `api_component_token` with the latest verify ticket. */
  getComponentToken(verifyTicket: string): Promise<ComponentTokenAnswer>;
  /** `api_start_push_ticket`: WeChat (re)starts the ticket pushes and pushes one now. */
  startPushTicket(): Promise<void>;
}

/** The component endpoints that issue authorizer tokens (called with the component token). */
export interface AuthorizerTokenIssuer {
  /** `api_authorizer_token`: a new access token (and possibly a rotated refresh token) for a refresh token. */
  getAuthorizerToken(authorizerAppId: string, refreshToken: string): Promise<AuthorizerTokenAnswer>;
  /** `api_get_authorizer_info`: the refresh token WeChat holds for the account (61023 recovery), among the rest. */
  getAuthorizerInfo(authorizerAppId: string): Promise<{ authorization_info: { authorizer_refresh_token?: string } }>;
}

/** Injection token of the {@link ComponentTokenIssuer}. */
export const COMPONENT_TOKEN_ISSUER = Symbol('WECHAT_COMPONENT_TOKEN_ISSUER');
/** Injection token of the {@link AuthorizerTokenIssuer}. */
export const AUTHORIZER_TOKEN_ISSUER = Symbol('WECHAT_AUTHORIZER_TOKEN_ISSUER');
