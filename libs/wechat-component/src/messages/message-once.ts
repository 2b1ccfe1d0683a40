import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RESOLVED_OPTIONS, STORE_BACKEND } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { PushOnce } from '../push/push-once.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import type { PlainAnswer } from './message-answer.js';

// A claim outlives the reply budget by this much; a holder that died frees the message for WeChat's next retry.
const CLAIM_MARGIN_MS = 10_000;

/**
 * Handles each message once across every instance sharing the store, and gives retries the first answer (see
 * {@link PushOnce}): a retry arriving while the first delivery is still deciding waits for its answer until the
 * retry's own deadline, then fails so the webhook answers 5xx and WeChat retries again.
 */
@Injectable()
export class MessageOnce {
  private readonly once: PushOnce;

  constructor(
    @Inject(STORE_BACKEND) backend: StoreBackend,
    private readonly keys: StoreKeys,
    @Inject(RESOLVED_OPTIONS) options: ResolvedOptions,
  ) {
    this.once = new PushOnce(backend, {
      claimMs: options.messages.replyBudgetMs + CLAIM_MARGIN_MS,
      rememberMs: options.timings.pushMemoryMs,
    });
  }

  async run(
    message: AuthorizerMessage,
    deadline: number,
    answer: () => Promise<PlainAnswer>,
  ): Promise<{ answer: PlainAnswer; duplicate: boolean }> {
    const key = this.keys.marker('message', createHash('sha256').update(identity(message)).digest('hex'));
    const { result, duplicate } = await this.once.run(key, deadline, answer);
    return { answer: result, duplicate };
  }
}

/**
 * What identifies a delivery across WeChat's retries: the account plus `MsgId` for messages, or sender + `CreateTime`
 * for events (with the event name and type, so two events of one user in the same second stay apart).
 */
export function identity(message: AuthorizerMessage): string {
  if (message.msgType !== 'event' && message.msgId) return `${message.appId}\nmsg\n${message.msgId}`;
  return `${message.appId}\nfrom\n${message.fromUserName}\n${message.createTime}\n${message.msgType}\n${message.event ?? ''}`;
}
