/**
 * A local simulator of WeChat's Open Platform servers for third-party platforms: component and authorizer APIs,
 * OAuth, authorization pages, encrypted pushes, the full-network-release test, a control API and a console.
 * @packageDocumentation
 */
export { startSandbox, type RunningSandbox } from './start-sandbox.js';
export { SANDBOX_DEFAULTS, type SandboxOptions, type ComponentCredentials } from './options.js';
export { Sandbox } from './sandbox.js';
export { SandboxModule } from './sandbox.module.js';
export { SandboxClient, SandboxClientError } from './control/client.js';
export type * from './control/types.js';
export type * from './control/api-types.js';
export type * from './control/platform-api-types.js';
export { readJpegStamp } from './common/jpeg.js';
export type { SandboxSettings, SettingsPatch } from './state/settings.js';
export type { Account, AccountType, AuthorizationStatus, MenuDocument } from './state/accounts.js';
export type { Fault, FaultInput } from './faults/fault-store.js';
export type { CallRecord, CallFilter } from './recording/call-log.js';
export type { PushRecord, PushAttempt, PushKind, PushFilter } from './push/push-log.js';
export type { PassiveReply } from './push/passive-reply.js';
export type { MessageDelivery, UserMessage } from './push/message-pusher.js';
export type { ReleaseTestCase } from './release-test/release-test.js';
export type { SentMessage } from './state/sent-messages.js';
export { RELEASE_TEST_GROUPS, type ReleaseTestGroup } from './release-test/test-accounts.js';
export { SIMULATED_USERS, type SimulatedUser } from './state/users.js';
export { WECHAT_ERRMSG, WeChatError } from './common/errors.js';
export { MessageCrypto, MessageCryptoError, type MessageCryptoOptions, type SealedMessage, type SignedCiphertext } from './crypto/message-crypto.js';
export { eventEnvelope, messageEnvelope, replyEnvelope } from './crypto/envelopes.js';
export { buildWeChatXml, type XmlFields, type XmlFieldValue } from './xml/build.js';
export { parseXml, type XmlObject, type XmlValue } from './xml/parse.js';
