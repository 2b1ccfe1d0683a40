import type { AuthorizerEventMap, AuthorizerMessage, AuthorizerMessageMap } from './authorizer-message.types.js';

/**
 * Narrows an {@link AuthorizerMessage} to a user message of the given `MsgType`.
 *
 * @example
 * ```ts
 * if (isMessageType(message, 'text')) console.log(message.content);
 * ```
 */
export function isMessageType<K extends keyof AuthorizerMessageMap>(
  message: AuthorizerMessage,
  msgType: K,
): message is AuthorizerMessageMap[K] {
  return message.msgType === msgType;
}

/** Narrows an {@link AuthorizerMessage} to an event of the given `Event` (exact case, as WeChat sends it). */
export function isEventType<K extends keyof AuthorizerEventMap>(
  message: AuthorizerMessage,
  event: K,
): message is AuthorizerEventMap[K] {
  return message.msgType === 'event' && message.event === event;
}
