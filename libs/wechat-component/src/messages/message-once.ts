import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { RESOLVED_OPTIONS, STORE_BACKEND } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import { type PlainAnswer, SUCCESS } from './message-answer.js';

type Marker = { readonly state: 'pending' } | { readonly state: 'done'; readonly answer: PlainAnswer };

// A claim outlives the reply budget by this much; a holder that died frees the message for WeChat's next retry.
const CLAIM_MARGIN_MS = 10_000;
const POLL_MS = 50;

/**
 * Handles each message once across every instance sharing the store, and gives retries the first answer.
 *
 * The first delivery claims a short-lived marker (`SET NX`) and, once answered, writes the answer into it for
 * `messages.dedupeTtlSeconds`. A retry finds the marker: it returns the stored answer, or — while the first delivery
 * is still deciding — waits for it until its own deadline, then answers `success`.
 */
@Injectable()
export class MessageOnce {
  constructor(
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    private readonly keys: StoreKeys,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  async run(
    message: AuthorizerMessage,
    deadline: number,
    answer: () => Promise<PlainAnswer>,
  ): Promise<{ answer: PlainAnswer; duplicate: boolean }> {
    const key = this.keys.marker('message', createHash('sha256').update(identity(message)).digest('hex'));
    const { replyBudgetMs, dedupeTtlSeconds } = this.options.messages;
    for (;;) {
      if (await this.backend.setIfAbsent(key, { state: 'pending' } satisfies Marker, replyBudgetMs + CLAIM_MARGIN_MS)) {
        let result: PlainAnswer;
        try {
          result = await answer();
        } catch (error) {
          await this.backend.delete(key); // let WeChat's retry try again
          throw error;
        }
        await this.backend.set(key, { state: 'done', answer: result } satisfies Marker, dedupeTtlSeconds * 1000);
        return { answer: result, duplicate: false };
      }
      const marker = await this.backend.get<Marker>(key);
      if (marker?.state === 'done') return { answer: marker.answer, duplicate: true };
      const left = deadline - Date.now();
      if (left <= 0) return { answer: SUCCESS, duplicate: true };
      if (marker) await sleep(Math.min(POLL_MS, left));
    }
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
