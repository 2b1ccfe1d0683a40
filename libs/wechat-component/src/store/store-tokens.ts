/** Injection token of the store backend. */
export const STORE_BACKEND = Symbol('WECHAT_COMPONENT_STORE_BACKEND');
/** Injection token of the {@link AuthorizerStore} in use. */
export const AUTHORIZER_STORE = Symbol('WECHAT_COMPONENT_AUTHORIZER_STORE');
