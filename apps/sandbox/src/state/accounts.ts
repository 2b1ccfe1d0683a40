import { newAppId, newUserName } from '../common/ids.js';

/** The two kinds of account a platform can be authorized by. */
export type AccountType = 'official_account' | 'mini_program';

/** Where an account stands with the simulated platform. */
export type AuthorizationStatus = 'unauthorized' | 'authorized' | 'revoked';

/** A custom menu as `menu/create` receives it and `menu/get` returns it. */
export interface MenuDocument {
  button: unknown[];
}

/** The authorizer options of §6.3 and their values (strings, as WeChat sends them). */
export type OptionName = 'location_report' | 'voice_recognize' | 'customer_service';

/** Profile fields shown by `api_get_authorizer_info`. */
export interface AccountProfile {
  nickName: string;
  principalName: string;
  alias: string;
  signature: string;
  /** `service_type_info.id`: 0 订阅号, 1 upgraded 订阅号, 2 服务号 (mini programs: 0). */
  serviceTypeId: number;
  /** `verify_type_info.id`: -1 未认证, 0 微信认证, … */
  verifyTypeId: number;
}

/** One simulated official account or mini program. */
export interface Account extends AccountProfile {
  readonly appId: string;
  readonly type: AccountType;
  /** Original id, `gh_…`; `ToUserName` of messages. */
  readonly userName: string;
  readonly createdAt: number;
  status: AuthorizationStatus;
  /** The refresh token WeChat currently accepts for this account (only while authorized). */
  refreshToken?: string;
  /** When the current authorization was granted (ms). */
  authorizedAt?: number;
  /** Permission sets granted by the current authorization (`funcscope_category` ids). */
  funcIds: readonly number[];
  menu?: MenuDocument;
  options?: Partial<Record<OptionName, string>>;
  /** Release-test group (1..5) for WeChat's dedicated test accounts. */
  testGroup?: number;
}

/** What is needed to create an account; everything but the type has a default. */
export interface NewAccount extends Partial<AccountProfile> {
  type: AccountType;
  appId?: string;
  userName?: string;
  menu?: MenuDocument;
  testGroup?: number;
}

/** Raised when an appid or original id is already taken or malformed. */
export class AccountConflictError extends Error {}

const DEFAULT_PROFILE: Record<AccountType, AccountProfile> = {
  official_account: { nickName: '测试公众号', principalName: '个人', alias: '', signature: '', serviceTypeId: 2, verifyTypeId: 0 },
  mini_program: { nickName: '测试小程序', principalName: '个人', alias: '', signature: '', serviceTypeId: 0, verifyTypeId: 0 },
};

/** All simulated accounts, by appid, and the authorized ones in authorization order. O(1) per operation. */
export class AccountStore {
  private readonly byAppId = new Map<string, Account>();
  private readonly userNames = new Set<string>();
  /** Authorized appids; a Set keeps insertion (authorization) order. */
  private readonly authorized = new Set<string>();
  private authorizedSnapshot: string[] | undefined;

  constructor(private readonly clock: () => number) {}

  /** @throws AccountConflictError for a taken or malformed appid / original id. */
  create(input: NewAccount): Account {
    const appId = input.appId ?? this.freshAppId();
    const userName = input.userName ?? this.freshUserName();
    if (!/^wx[0-9a-f]{16}$/.test(appId)) throw new AccountConflictError(`appId must be wx + 16 lower-case hex: ${appId}`);
    if (!/^gh_[0-9a-f]{12}$/.test(userName)) throw new AccountConflictError(`userName must be gh_ + 12 lower-case hex: ${userName}`);
    if (this.byAppId.has(appId)) throw new AccountConflictError(`account ${appId} already exists`);
    if (this.userNames.has(userName)) throw new AccountConflictError(`original id ${userName} already exists`);
    const defaults = DEFAULT_PROFILE[input.type];
    const account: Account = {
      appId,
      type: input.type,
      userName,
      nickName: input.nickName ?? defaults.nickName,
      principalName: input.principalName ?? defaults.principalName,
      alias: input.alias ?? defaults.alias,
      signature: input.signature ?? defaults.signature,
      serviceTypeId: input.serviceTypeId ?? defaults.serviceTypeId,
      verifyTypeId: input.verifyTypeId ?? defaults.verifyTypeId,
      createdAt: this.clock(),
      status: 'unauthorized',
      funcIds: [],
    };
    if (input.menu) account.menu = input.menu;
    if (input.testGroup !== undefined) account.testGroup = input.testGroup;
    this.byAppId.set(appId, account);
    this.userNames.add(userName);
    return account;
  }

  get(appId: string): Account | undefined {
    return this.byAppId.get(appId);
  }

  get size(): number {
    return this.byAppId.size;
  }

  get authorizedCount(): number {
    return this.authorized.size;
  }

  /** All accounts in creation order. */
  values(): IterableIterator<Account> {
    return this.byAppId.values();
  }

  /** Records a (re-)authorization; the account moves to the end of the authorized order. */
  markAuthorized(account: Account, refreshToken: string, funcIds: readonly number[]): void {
    account.status = 'authorized';
    account.refreshToken = refreshToken;
    account.funcIds = funcIds;
    account.authorizedAt = this.clock();
    this.authorized.delete(account.appId);
    this.authorized.add(account.appId);
    this.authorizedSnapshot = undefined;
  }

  markRevoked(account: Account): void {
    account.status = 'revoked';
    delete account.refreshToken;
    account.funcIds = [];
    this.authorized.delete(account.appId);
    this.authorizedSnapshot = undefined;
  }

  /** A page of authorized accounts in authorization order (`api_get_authorizer_list`). */
  authorizedPage(offset: number, count: number): Account[] {
    this.authorizedSnapshot ??= [...this.authorized];
    return this.authorizedSnapshot.slice(offset, offset + count).map((appId) => this.byAppId.get(appId)!);
  }

  private freshAppId(): string {
    for (;;) {
      const appId = newAppId();
      if (!this.byAppId.has(appId)) return appId;
    }
  }

  private freshUserName(): string {
    for (;;) {
      const userName = newUserName();
      if (!this.userNames.has(userName)) return userName;
    }
  }
}
