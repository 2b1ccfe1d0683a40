import { DiscoveryService } from '@nestjs/core';
import type {
  AuthorizerEvent,
  AuthorizerEventMap,
  AuthorizerEventType,
  AuthorizerMessage,
  AuthorizerMessageMap,
  AuthorizerMessageType,
  OtherAuthorizerMessage,
  TextMessage,
} from './authorizer-message.types.js';
import type { AuthorizerMessageHandlerResult } from './authorizer-reply.types.js';
import { type NormalizedSelector, normalizeSelector } from './message-selector.js';

/** Which messages an `@OnAuthorizerMessage` handler runs for. Every criterion given must match; none means all. */
export interface AuthorizerMessageSelector {
  /** `MsgType`(s): `text`, `image`, `voice`, `video`, `shortvideo`, `location`, `link`, `event`, … */
  readonly type?: AuthorizerMessageType | readonly AuthorizerMessageType[];
  /** `Event`(s), exact case as WeChat sends them: `subscribe`, `SCAN`, `CLICK`, `weapp_audit_success`, … */
  readonly event?: AuthorizerEventType | readonly AuthorizerEventType[];
  /** Only for these authorized accounts (their AppIDs). */
  readonly appId?: string | readonly string[];
  /** Only text messages whose `Content` equals this string, or matches this RegExp. */
  readonly content?: string | RegExp;
  /**
   * With several platforms in one app (`forRoot({ name })`), only messages to the registration with this name.
   * Default: messages to every registration.
   */
  readonly platform?: string;
}

type Element<T> = T extends readonly (infer E)[] ? E : T;
type EventFor<E> = string extends E ? AuthorizerEvent | OtherAuthorizerMessage
  : E extends keyof AuthorizerEventMap ? AuthorizerEventMap[E] : OtherAuthorizerMessage;
type MessageOfType<T> = string extends T ? AuthorizerMessage
  : T extends keyof AuthorizerMessageMap ? AuthorizerMessageMap[T]
  : T extends 'event' ? AuthorizerEvent | OtherAuthorizerMessage
  : OtherAuthorizerMessage;

/** The message type a handler with selector `S` receives: what `event`, `content` or `type` narrows it to. */
export type SelectedMessage<S> = S extends { readonly event: infer E } ? EventFor<Element<E>>
  : S extends { readonly content: string | RegExp } ? TextMessage
  : S extends { readonly type: infer T } ? MessageOfType<Element<T>>
  : AuthorizerMessage;

/** A method decorator that checks the method accepts the messages its selector picks. */
export type AuthorizerMessageMethodDecorator<S> = <H extends (message: SelectedMessage<S>) => AuthorizerMessageHandlerResult>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<H>,
) => void;

/** The discoverable decorator behind {@link OnAuthorizerMessage}. */
export const AuthorizerMessageHandler = DiscoveryService.createDecorator<NormalizedSelector>();

/**
 * Runs the decorated provider method for messages and events pushed to the message and event URL
 * (`POST /{prefix}/messages/:appId`) that match `selector`; without one, for all of them. The method receives the
 * typed message (its parameter type is checked against the selector) and may return a passive reply: a string for a
 * text reply, or an {@link AuthorizerReplyObject} (image, voice, video, music, news, transfer to customer service).
 * Returning nothing answers `success`.
 *
 * **Which handlers run.** Every handler whose selector matches runs, all at once, exactly once per message even when
 * WeChat retries it (across every instance sharing the store). Errors are logged and never fail the push.
 *
 * **Whose reply wins.** Among the handlers that returned a reply within the reply budget
 * (`messages.replyBudgetMs`, default 4000 ms), the most specific selector wins: `content` beats `event`, which beats
 * `type`, which beats `appId` alone, which beats a catch-all; between equally specific ones, the handler found first
 * (module provider order, then method order in the class). A handler still running when the budget ends keeps
 * running, but its reply is dropped (send it with the customer-service API instead); WeChat gets the best reply
 * received so far, or `success`.
 *
 * **Release test.** For WeChat's full-network-release test accounts, the built-in responder (option
 * `messages.releaseTestResponder`, on by default) answers the test messages itself and these handlers do not run for
 * them; other messages from those accounts reach the handlers as usual.
 *
 * Throws at start-up when the selector can never match (e.g. `content` on images).
 *
 * @example
 * ```ts
 * @OnAuthorizerMessage({ type: 'text' })
 * echo(message: TextMessage) { return message.content; }
 *
 * @OnAuthorizerMessage({ event: 'subscribe' })
 * welcome(event: SubscribeEvent): NewsReply { return { type: 'news', articles: [{ title: 'Welcome', url: '…' }] }; }
 * ```
 */
export function OnAuthorizerMessage<const S extends AuthorizerMessageSelector = Record<never, never>>(
  selector?: S,
): AuthorizerMessageMethodDecorator<S> {
  const metadata = normalizeSelector(selector);
  return (target, propertyKey, descriptor) => {
    AuthorizerMessageHandler(metadata)(target, propertyKey, descriptor);
  };
}
