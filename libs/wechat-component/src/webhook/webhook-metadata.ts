import { type CustomDecorator, type ExecutionContext, SetMetadata, type Type } from '@nestjs/common';
import type { ResolvedWebhookOptions } from '../options/resolved-options.js';

/**
 * Metadata key set (to `true`) on the module's webhook controllers, so a global guard can let WeChat's pushes
 * through: WeChat authenticates a push by its `msg_signature`, which the webhook checks first — it cannot send your
 * session cookie or bearer token. Read it with {@link isWeChatWebhook} or `reflector.getAllAndOverride`.
 */
export const WECHAT_WEBHOOK_METADATA = 'nestjs-wechat-component:webhook';

/**
 * Marks a controller or route as a WeChat webhook (sets {@link WECHAT_WEBHOOK_METADATA}). The module's own webhook
 * controllers carry it; use it on routes of your own that take pushes (with `webhook: false`) so the same guard
 * exemption applies to them.
 */
export function WeChatWebhook(): CustomDecorator<string> {
  return SetMetadata(WECHAT_WEBHOOK_METADATA, true);
}

/**
 * Whether the route `context` is about to run is a WeChat webhook — for a global guard to let pushes through:
 *
 * ```ts
 * canActivate(context: ExecutionContext) {
 *   if (isWeChatWebhook(context)) return true; // WeChat signs its pushes; the webhook checks the signature
 *   …
 * }
 * ```
 */
export function isWeChatWebhook(context: ExecutionContext): boolean {
  const marked = (target: object) => Reflect.getMetadata(WECHAT_WEBHOOK_METADATA, target) === true;
  return marked(context.getHandler()) || marked(context.getClass());
}

/**
 * Marks a webhook controller class as such (`WECHAT_WEBHOOK_METADATA`, for global guards) and applies the
 * application's `webhook.decorators` (e.g. its own `@Public()`), as if written above the class.
 */
export function decorateWebhookController(controller: Type<unknown>, webhook: ResolvedWebhookOptions): Type<unknown> {
  return Reflect.decorate([WeChatWebhook(), ...webhook.decorators], controller) as Type<unknown>;
}
