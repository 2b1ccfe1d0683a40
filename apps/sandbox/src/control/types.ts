import type { MessageDelivery } from '../push/message-pusher.js';
import type { PushRecord } from '../push/push-log.js';
import type { ReleaseTestOptions, ReleaseTestReport } from '../release-test/release-test.js';
import type { AccountType, AuthorizationStatus, MenuDocument, OptionName } from '../state/accounts.js';
import type { SandboxSettings } from '../state/settings.js';

/** An access token as the control API shows it. */
export interface TokenView {
  token: string;
  /** ms since the epoch. */
  expiresAt: number;
  expired: boolean;
  /** How many tokens were ever issued to this owner. */
  issued: number;
}

/** An account as the control API shows it (credentials in full: they are fake). */
export interface AccountView {
  appId: string;
  type: AccountType;
  userName: string;
  nickName: string;
  principalName: string;
  status: AuthorizationStatus;
  funcIds: number[];
  authorizedAt?: number;
  refreshToken?: string;
  accessToken?: TokenView;
  hasMenu: boolean;
  testGroup?: number;
}

/** One account in detail: the view plus its options and call counters. */
export interface AccountDetail extends AccountView {
  options: Record<OptionName, string>;
  /** Lifetime calls per path charged to this account. */
  calls: Record<string, number>;
}

/** `GET /sandbox/accounts`. */
export interface AccountPage {
  total: number;
  offset: number;
  items: AccountView[];
}

/** `GET /sandbox/accounts` filters. */
export interface AccountQuery {
  offset?: number;
  /** Default 100, max 1000. */
  limit?: number;
  status?: AuthorizationStatus;
  type?: AccountType;
}

/** `POST /sandbox/accounts`. */
export interface NewAccountInput {
  type: AccountType;
  appId?: string;
  userName?: string;
  nickName?: string;
  principalName?: string;
  alias?: string;
  signature?: string;
  serviceTypeId?: number;
  verifyTypeId?: number;
  /** `true` for the seeded menu, or a menu document. Default: no menu (menu/get → 46003). */
  menu?: boolean | MenuDocument;
}

/** `POST /sandbox/accounts/bulk`. */
export interface BulkAccountsInput {
  /** 1..200000. */
  count: number;
  type: AccountType;
  /** Authorize them at once, without pushes (the platform finds them through api_get_authorizer_list). */
  authorize?: boolean;
  nickNamePrefix?: string;
}

/** `POST /sandbox/accounts/bulk` result. */
export interface BulkAccountsResult {
  created: number;
  accounts: { appId: string; userName: string; refreshToken?: string }[];
}

/** `POST /sandbox/accounts/:appId/authorize`. */
export interface AuthorizeInput {
  /** Permission sets to grant (default: all the platform asks for). */
  funcIds?: number[];
  /** Push `authorized`/`updateauthorized` (default true). */
  push?: boolean;
}

/** `POST /sandbox/accounts/:appId/authorize` result. */
export interface AuthorizeResult {
  appId: string;
  infoType: 'authorized' | 'updateauthorized';
  authorizationCode: string;
  /** ms since the epoch. */
  authorizationCodeExpiresAt: number;
  preAuthCode: string;
  refreshToken: string;
  push?: PushRecord;
}

/** `POST /sandbox/accounts/:appId/revoke` result. */
export interface RevokeResult {
  appId: string;
  push?: PushRecord;
}

/** `POST /sandbox/ticket` result. */
export interface TicketResult {
  ticket: string;
  issuedAt: number;
  push?: PushRecord;
}

/** What a simulated user sends (`POST /sandbox/accounts/:appId/messages`). */
export type UserMessageInput = (
  | { type: 'text'; content: string }
  | { type: 'event'; event: string; eventKey?: string; fields?: Record<string, string | number> }
  | { type: 'raw'; fields: { MsgType: string } & Record<string, string | number> }
) & {
  /** Sender openid; default: the openid of `user` (default the first simulated user) for this account. */
  openid?: string;
  /** Simulated user key (`zhangsan`, `lisi`, `wangwu`). */
  user?: string;
};

/** `POST /sandbox/accounts/:appId/messages` result. */
export type MessageDeliveryResult = MessageDelivery;

/** `POST /sandbox/accounts/:appId/js-code` result. */
export interface JsCodeResult {
  jsCode: string;
  openid: string;
  user: string;
}

/** `POST /sandbox/fast-register`. */
export interface FastRegisterInput {
  /** 0 = success (default): a new mini program is created and authorized; anything else is a failure status. */
  status?: number;
  nickName?: string;
  msg?: string;
  info?: Partial<{ name: string; code: string; code_type: number; legal_persona_wechat: string; legal_persona_name: string; component_phone: string }>;
}

/** `POST /sandbox/fast-register` result. */
export interface FastRegisterResult {
  status: number;
  appId?: string;
  authCode?: string;
  push?: PushRecord;
}

/** `GET /sandbox`. */
export interface SandboxSummary {
  componentAppId: string;
  urls: { api: string; mp: string; open: string; console: string };
  settings: SandboxSettings;
  ticket?: { value: string; issuedAt: number; ageSeconds: number };
  componentToken?: TokenView;
  accounts: { total: number; authorized: number };
  faults: number;
  /** Largest call/push id so far (poll `/sandbox/log?after=`). */
  lastId: number;
}

/** `GET /sandbox/counters`. */
export interface CountersView {
  /** Lifetime calls per path. */
  paths: Record<string, number>;
  componentTokensIssued: number;
  authorizerTokens: TokenIssueSummary;
}

/** How many authorizer tokens were issued, per account. */
export interface TokenIssueSummary {
  /** Accounts that ever got a token. */
  accounts: number;
  /** Tokens issued in total. */
  issued: number;
  maxPerAccount: number;
  /** issued-per-account → number of accounts. */
  histogram: Record<string, number>;
}

/** `GET /sandbox/counters/authorizer-tokens?min=N`. */
export interface TokenIssueCounts extends TokenIssueSummary {
  /** Accounts with at least `min` tokens issued (at most 1000). */
  over: { appId: string; issued: number }[];
}

export type { ReleaseTestOptions, ReleaseTestReport };
