import { Injectable } from '@nestjs/common';
import type { PushQuery } from '../push/push-decoder.js';
import { ComponentEventProcessor } from './component-event.processor.js';
import type { ComponentEvent } from './component-event.types.js';

/**
 * Pushes to the authorization event URL (授权事件接收 URL), for applications that route it themselves
 * (`webhook: false`). With the module's webhook, `POST /{prefix}/events` does the same.
 *
 * @see https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/authorize_event.html
 */
@Injectable()
export class ComponentEventService {
  constructor(private readonly processor: ComponentEventProcessor) {}

  /**
   * Handles one push: verifies and decrypts it, stores the ticket / exchanges the authorization / forgets a revoked
   * account, runs the `@OnComponentEvent` handlers (once, even for WeChat's retries) and returns the event. Answer
   * `success` with HTTP 200 once it resolves. Throws `InvalidPushError` (with a 4xx `status`) on bad input, having
   * changed nothing, and `PushInProgressError` while an earlier delivery of the same push is still being handled.
   *
   * @param body the raw XML (or JSON) body
   * @param query the query string (`msg_signature`, `timestamp`, `nonce`, …)
   */
  handle(body: string, query: PushQuery): Promise<ComponentEvent> {
    return this.processor.process(body, query);
  }

  /** Verifies, decrypts and parses a push into a typed event, without acting on it. */
  parse(body: string, query: PushQuery): ComponentEvent {
    return this.processor.parse(body, query);
  }
}
