import { Inject, Injectable, Logger } from '@nestjs/common';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { PushDecoder, type PushQuery } from '../push/push-decoder.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import { AuthorizerMessageDispatcher, describe } from './authorizer-message.dispatcher.js';
import type { AuthorizerMessageAnswer, PlainAnswer } from './message-answer.js';
import { SUCCESS } from './message-answer.js';
import { MessageOnce } from './message-once.js';
import { parseAuthorizerMessage } from './parse-authorizer-message.js';
import { PassiveReplyEncryptor } from './passive-reply.encryptor.js';
import { ReleaseTestResponder } from './release-test/release-test.responder.js';
import { renderReplyXml } from './render-reply.js';

const APP_ID = /^wx[0-9A-Za-z]{16}$/;
const RESPONDER = 'release-test responder';

/**
 * Handles a push to the message and event URL: verify and open it (component key, component AppID as receive id),
 * parse it, then — once across instances — let the release-test responder or the `@OnAuthorizerMessage` handlers
 * decide the answer within the reply budget, and encrypt it with the request's timestamp and nonce.
 */
@Injectable()
export class AuthorizerMessageProcessor {
  private readonly logger = new Logger('AuthorizerMessageProcessor');

  constructor(
    private readonly decoder: PushDecoder,
    private readonly dispatcher: AuthorizerMessageDispatcher,
    private readonly responder: ReleaseTestResponder,
    private readonly once: MessageOnce,
    private readonly encryptor: PassiveReplyEncryptor,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /** Verifies, decrypts and parses a push without handling it. */
  parse(appId: string, body: string, query: PushQuery): AuthorizerMessage {
    return this.open(appId, body, query).message;
  }

  /** Handles a push; `receivedAt` (epoch ms) starts the reply budget. */
  async process(appId: string, body: string, query: PushQuery, receivedAt = Date.now()): Promise<AuthorizerMessageAnswer> {
    const { message, timestamp, nonce, format } = this.open(appId, body, query);
    const deadline = receivedAt + this.options.messages.replyBudgetMs;
    const { answer, duplicate } = await this.once.run(message, deadline, () => this.decide(message, deadline));
    if (duplicate) this.logger.log(`${describe(message)}: a retry of a handled message; repeating its answer`);
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
    return { kind: 'reply', xml: renderReplyXml(reply, message, Math.floor(Date.now() / 1000)), by };
  }
}
