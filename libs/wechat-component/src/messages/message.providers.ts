import type { Provider } from '@nestjs/common';
import { MessageCrypto } from '../crypto/message-crypto.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import { PushOnce } from '../push/push-once.js';
import type { StoreBackend } from '../store/store-backend.js';
import { STORE_BACKEND } from '../store/store-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { AuthorizerMessageDispatcher } from './authorizer-message.dispatcher.js';
import { AuthorizerMessageExplorer } from './authorizer-message.explorer.js';
import { AuthorizerMessageProcessor } from './authorizer-message.processor.js';
import { AuthorizerMessageService } from './authorizer-message.service.js';
import { BackgroundTasks } from './background-tasks.js';
import { MESSAGE_PUSH_ONCE, MessageOnce } from './message-once.js';
import { PassiveReplyEncryptor } from './passive-reply.encryptor.js';
import { ReleaseTestResponder } from './release-test/release-test.responder.js';

/** The providers behind messages of authorized accounts, registered by `WeChatComponentModule`. */
export const messageProviders: Provider[] = [
  {
    provide: PassiveReplyEncryptor,
    useFactory: (options: ResolvedOptions) =>
      new PassiveReplyEncryptor(new MessageCrypto(options.token, options.encodingAESKey), options.componentAppId),
    inject: [RESOLVED_OPTIONS],
  },
  {
    provide: MESSAGE_PUSH_ONCE,
    useFactory: (backend: StoreBackend, options: ResolvedOptions) =>
      new PushOnce(backend, { claimMs: options.timings.messageClaimMs, rememberMs: options.timings.pushMemoryMs }),
    inject: [STORE_BACKEND, RESOLVED_OPTIONS],
  },
  AuthorizerMessageDispatcher,
  AuthorizerMessageExplorer,
  BackgroundTasks,
  ReleaseTestResponder,
  MessageOnce,
  AuthorizerMessageProcessor,
  AuthorizerMessageService,
];
