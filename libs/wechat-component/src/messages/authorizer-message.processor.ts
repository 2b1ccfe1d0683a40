import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { PushDecoder, type PushQuery } from '../push/push-decoder.js';
import { RetrySummary } from '../push/retry-summary.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import { AuthorizerMessageDispatcher } from './authorizer-message.dispatcher.js';
import type { AuthorizerMessageAnswer, PlainAnswer } from './message-answer.js';
import { SUCCESS } from './message-answer.js';
import { MessageOnce } from './message-once.js';
import { parseAuthorizerMessage } from './parse-authorizer-message.js';
import { PassiveReplyEncryptor } from './passive-reply.encryptor.js';
import { ReleaseTestResponder } from './release-test/release-test.responder.js';
import { renderReplyXml } from './render-reply.js';
import { CLOCK, type Clock } from '../common/clock.js';

const APP_ID = /^wx[0-9A-Za-z]{16}$/;
const RESPONDER = 'release-test responder';

/**
 * Handles a push to the message and event URL: verify and open it (component key, component AppID as receive id),
 * parse it, then — once across instances — let the release-test responder or the `@OnAuthorizerMessage` handlers
 * decide the answer within the reply budget, and encrypt it with the request's timestamp and nonce.
 */
@Injectable()
export class AuthorizerMessageProcessor implements OnModuleDestroy {
  private readonly logger = new Logger('AuthorizerMessageProcessor');
  private readonly retries = new RetrySummary(this.logger, 'retries of handled messages');

  constructor(
    private readonly decoder: PushDecoder,
    private readonly dispatcher: AuthorizerMessageDispatcher,
    private readonly responder: ReleaseTestResponder,
    private readonly once: MessageOnce,
    private readonly encryptor: PassiveReplyEncryptor,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Verifies, decrypts and parses a push without handling it. */
  parse(appId: string, body: string, query: PushQuery): AuthorizerMessage {
    return this.open(appId, body, query).message;
  }

  /** Handles a push; `receivedAt` (epoch ms) starts the reply budget. */
  async process(appId: string, body: string, query: PushQuery, receivedAt = this.clock.now()): Promise<AuthorizerMessageAnswer> {
    const { message, timestamp, nonce, format } = this.open(appId, body, query);
    const deadline = receivedAt + this.options.messages.replyBudgetMs;
    const { answer, duplicate } = await this.once.run(message, deadline, () => this.decide(message, deadline));
    if (duplicate) this.retries.record();
    return {
      body:
        answer.kind === 'reply'
          ? format === 'json'
            ? this.encryptor.encryptJson(answer.xml, timestamp, nonce)
            : this.encryptor.encrypt(answer.xml, timestamp, nonce)
          : answer.kind === 'success'
            ? 'success'
            : '',
      kind: answer.kind,
      message,
      answeredBy: answer.by,
      duplicate,
    };
  }

  onModuleDestroy(): void {
    this.retries.flush();
  }

  private open(appId: string, body: string, query: PushQuery) {
    if (!APP_ID.test(appId)) throw new InvalidPushError(400, 'the message URL must end with the authorizer AppID ($APPID$)');
    const push = this.decoder.decode(body, query);
    return { message: parseAuthorizerMessage(push.fields, appId), timestamp: push.timestamp, nonce: push.nonce, format: push.format };
  }

  private async decide(message: AuthorizerMessage, deadline: number): Promise<PlainAnswer> {
    const test = this.responder.respond(message);
    if (test) return test.kind === 'empty' ? { kind: 'empty', by: RESPONDER } : this.reply(message, test.reply, RESPONDER);
    const outcome = await this.dispatcher.dispatch(message, deadline);
    return outcome.reply ? this.reply(message, outcome.reply, outcome.repliedBy) : SUCCESS;
  }

  private reply(message: AuthorizerMessage, reply: Parameters<typeof renderReplyXml>[0], by: string | undefined): PlainAnswer {
    return { kind: 'reply', xml: renderReplyXml(reply, message, Math.floor(this.clock.now() / 1000)), by };
  }
}
