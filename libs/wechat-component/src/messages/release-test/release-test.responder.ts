import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthorizerClientFactory } from '../../authorizer/authorizer-client.factory.js';
import { RESOLVED_OPTIONS } from '../../options/option-tokens.js';
import type { ResolvedOptions } from '../../options/resolved-options.js';
import type { AuthorizerMessage } from '../authorizer-message.types.js';
import type { TextReply } from '../authorizer-reply.types.js';
import { BackgroundTasks } from '../background-tasks.js';
import { isReleaseTestAccount } from './release-test-accounts.js';

/** The text of the passive-reply case; the answer is this text + `_callback`. */
export const TEST_TEXT = 'TESTCOMPONENT_MSG_TYPE_TEXT';
/** The prefix of the API-reply case; the authorization code follows it. */
export const QUERY_AUTH_CODE_PREFIX = 'QUERY_AUTH_CODE:';

/** What the responder answers for a release-test case. */
export type ReleaseTestAnswer = { readonly kind: 'reply'; readonly reply: TextReply } | { readonly kind: 'empty' };

/**
 * Answers WeChat's full-network-release test (全网发布) for its dedicated test accounts:
 * - text `TESTCOMPONENT_MSG_TYPE_TEXT` → passive text `TESTCOMPONENT_MSG_TYPE_TEXT_callback`;
 * - text `QUERY_AUTH_CODE:$code` → an empty answer at once, then `api_query_auth` with `$code` and the customer-service
 *   text `$code_from_api` to the sender, with the access token that exchange returned;
 * - any event → passive text `<Event>from_callback`.
 * Any other message, and every message to other accounts, is left to the application's handlers.
 */
@Injectable()
export class ReleaseTestResponder {
  private readonly logger = new Logger('ReleaseTestResponder');

  constructor(
    private readonly clients: AuthorizerClientFactory,
    private readonly tasks: BackgroundTasks,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /** The answer to a release-test case, or undefined when `message` is not one (or the responder is off). */
  respond(message: AuthorizerMessage): ReleaseTestAnswer | undefined {
    if (!this.options.messages.releaseTestResponder || !isReleaseTestAccount({ appId: message.appId })) return undefined;
    if (message.msgType === 'event' && message.event) {
      return { kind: 'reply', reply: { type: 'text', content: `${message.event}from_callback` } };
    }
    if (message.msgType !== 'text' || !('content' in message) || typeof message.content !== 'string') return undefined;
    if (message.content === TEST_TEXT) return { kind: 'reply', reply: { type: 'text', content: `${TEST_TEXT}_callback` } };
    if (message.content.startsWith(QUERY_AUTH_CODE_PREFIX)) {
      const code = message.content.slice(QUERY_AUTH_CODE_PREFIX.length).trim();
      if (code) this.tasks.start(`Release test: API reply for ${message.appId}`, () => this.replyThroughApi(code, message));
      else this.logger.warn(`Release test: QUERY_AUTH_CODE without a code for ${message.appId}`);
      return { kind: 'empty' };
    }
    return undefined;
  }

  private async replyThroughApi(code: string, message: AuthorizerMessage): Promise<void> {
    const client = await this.clients.getClientByAuthorizationCode(code);
    await client.message.custom.sendText(message.fromUserName, `${code}_from_api`);
    this.logger.log(`Release test: exchanged the QUERY_AUTH_CODE of ${client.appId} and sent the customer-service reply`);
  }
}
