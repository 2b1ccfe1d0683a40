/** Injection token of the validated options. */
export const RESOLVED_OPTIONS = Symbol('WECHAT_COMPONENT_RESOLVED_OPTIONS');
/** Injection token of the resolved webhook settings. */
export const WEBHOOK_OPTIONS = Symbol('WECHAT_COMPONENT_WEBHOOK_OPTIONS');
/** Injection token of the webhook controller classes of this registration (for the middleware watching them). */
export const WEBHOOK_CONTROLLERS = Symbol('WECHAT_COMPONENT_WEBHOOK_CONTROLLERS');
