/** Injection token of the validated options. */
export const RESOLVED_OPTIONS = Symbol('WECHAT_COMPONENT_RESOLVED_OPTIONS');
/** Injection token of the store backend. */
export const STORE_BACKEND = Symbol('WECHAT_COMPONENT_STORE_BACKEND');
/** Injection token of the {@link AuthorizerStore} in use. */
export const AUTHORIZER_STORE = Symbol('WECHAT_COMPONENT_AUTHORIZER_STORE');
/** Injection token of the resolved webhook settings. */
export const WEBHOOK_OPTIONS = Symbol('WECHAT_COMPONENT_WEBHOOK_OPTIONS');
/** Injection token of the webhook controller classes of this registration (for the middleware watching them). */
export const WEBHOOK_CONTROLLERS = Symbol('WECHAT_COMPONENT_WEBHOOK_CONTROLLERS');
