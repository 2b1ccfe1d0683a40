import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PushOnce } from '../push/push-once.js';
import { StoreKeys } from '../store/store-keys.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import type { PlainAnswer } from './message-answer.js';

/** Injection token of the {@link PushOnce} that keeps message pushes to one handling (claim: `messageClaimMs`). */
export const MESSAGE_PUSH_ONCE = Symbol('WECHAT_COMPONENT_MESSAGE_PUSH_ONCE');

/**
 * Handles each message once across every instance sharing the store, and gives retries the first answer (see
 * {@link PushOnce}): a retry arriving while the first delivery is still deciding waits for its answer until the
 * retry's own deadline, then fails so the webhook answers 5xx and WeChat retries again.
 */
@Injectable()
export class MessageOnce {
  constructor(
    @Inject(MESSAGE_PUSH_ONCE) private readonly once: PushOnce,
    private readonly keys: StoreKeys,
  ) {}

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
