import { Injectable } from '@nestjs/common';
import type { PushQuery } from '../push/push-decoder.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import { AuthorizerMessageProcessor } from './authorizer-message.processor.js';
import type { AuthorizerMessageAnswer } from './message-answer.js';

/**
 * Messages and events of authorized accounts, for applications that route the message and event URL themselves
 * (`webhook: false`). With the module's webhook, `POST /{prefix}/messages/:appId` does the same.
 */
@Injectable()
export class AuthorizerMessageService {
  constructor(private readonly processor: AuthorizerMessageProcessor) {}

  /**
   * Handles one push to the message and event URL: verifies and decrypts it, runs the release-test responder or
   * the `@OnAuthorizerMessage` handlers (once, even for WeChat's retries) and returns what to answer. Send
   * `answer.body` back with HTTP 200. Throws `InvalidPushError` (with a 4xx `status`) on bad input, having handled
   * nothing.
   *
   * @param appId the authorizer AppID WeChat put in the URL (`$APPID$`)
   * @param body the raw XML body
   * @param query the query string (`msg_signature`, `timestamp`, `nonce`, …)
   * @param receivedAt when the request arrived (epoch ms); the reply budget counts from here
   */
  handle(appId: string, body: string, query: PushQuery, receivedAt?: number): Promise<AuthorizerMessageAnswer> {
    return this.processor.process(appId, body, query, receivedAt);
  }

  /** Verifies, decrypts and parses a push to the message and event URL into a typed message, without handling it. */
  parse(appId: string, body: string, query: PushQuery): AuthorizerMessage {
    return this.processor.parse(appId, body, query);
  }
}
