import type { AuthorizerMessage } from './authorizer-message.types.js';

/** How a message was answered, before encryption. Kept in the store so a retry gets the same answer. Internal. */
export type PlainAnswer =
  | { readonly kind: 'success'; readonly by?: string }
  | { readonly kind: 'empty'; readonly by?: string }
  | { readonly kind: 'reply'; readonly xml: string; readonly by?: string };

/** The answer to a push to the message and event URL. */
export interface AuthorizerMessageAnswer {
  /** What to send back to WeChat, with HTTP status 200: the encrypted reply XML, `success`, or an empty body. */
  readonly body: string;
  /** `reply` (an encrypted passive reply), `success`, or `empty` (a zero-length body). */
  readonly kind: PlainAnswer['kind'];
  /** The message or event received. */
  readonly message: AuthorizerMessage;
  /** Who decided the answer: a handler's `ClassName.method`, or `release-test responder`. */
  readonly answeredBy?: string;
  /** True for a retry of a message already handled: no handler ran again, the first answer was repeated. */
  readonly duplicate: boolean;
}

export const SUCCESS: PlainAnswer = { kind: 'success' };
