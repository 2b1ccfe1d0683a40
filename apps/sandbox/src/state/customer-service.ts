import { WeChatError } from '../common/errors.js';
import { found } from '../common/found.js';

/** A customer-service account (客服帐号). */
export interface KfAccount {
  readonly kfAccount: string;
  readonly kfId: number;
  nickname: string;
  headImgUrl: string;
  /** The WeChat user operating the account once an invitation is sent (the sandbox accepts it at once). */
  worker?: string;
  inviteExpireTime?: number;
  acceptedCases: number;
}

/** A user's session with an account. */
export interface KfSession {
  readonly openid: string;
  readonly kfAccount: string;
  readonly createTime: number;
}

const MAX_ACCOUNTS = 100;

/**
 * The customer-service accounts of one official account, their sessions and the users waiting. An account is
 * online once a WeChat user operates it (`inviteworker`); sessions need an online account.
 */
export class CustomerService {
  private readonly accounts = new Map<string, KfAccount>();
  private readonly sessions = new Map<string, KfSession>();
  private readonly waiting = new Map<string, number>();
  private nextKfId = 1001;

  constructor(
    private readonly accountIds: readonly string[],
    private readonly clock: () => number,
  ) {}

  /** `prefix@id` where id is the account's WeChat ID or original id (65404), nickname ≤ 16 characters (65403). */
  add(kfAccount: unknown, nickname: unknown): KfAccount {
    if (typeof kfAccount !== 'string' || !this.validName(kfAccount)) throw new WeChatError(65404);
    checkNickname(nickname);
    if (this.accounts.has(kfAccount)) throw new WeChatError(65406);
    if (this.accounts.size >= MAX_ACCOUNTS) throw new WeChatError(65405);
    const account = { kfAccount, kfId: this.nextKfId++, nickname: nickname as string, headImgUrl: '', acceptedCases: 0 };
    this.accounts.set(kfAccount, account);
    return account;
  }

  /** @throws WeChatError 65401 unknown account. */
  account(kfAccount: unknown): KfAccount {
    return found(typeof kfAccount === 'string' ? this.accounts.get(kfAccount) : undefined, 65401);
  }

  update(kfAccount: unknown, nickname: unknown): void {
    const account = this.account(kfAccount);
    checkNickname(nickname);
    account.nickname = nickname as string;
  }

  delete(kfAccount: unknown): void {
    const account = this.account(kfAccount);
    this.accounts.delete(account.kfAccount);
    for (const [openid, session] of this.sessions) if (session.kfAccount === account.kfAccount) this.sessions.delete(openid);
  }

  invite(kfAccount: unknown, wechatId: unknown): void {
    const account = this.account(kfAccount);
    if (typeof wechatId !== 'string' || !/^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/.test(wechatId)) throw new WeChatError(65416);
    account.worker = wechatId;
    account.inviteExpireTime = Math.floor(this.clock() / 1000) + 7 * 86_400;
  }

  list(): KfAccount[] {
    return [...this.accounts.values()];
  }

  /** A user joins the queue (as when a message is transferred to customer service). */
  enqueue(openid: string): void {
    if (!this.sessions.has(openid)) this.waiting.set(openid, Math.floor(this.clock() / 1000));
  }

  waitList(): Array<{ latest_time: number; openid: string }> {
    return [...this.waiting].map(([openid, latest]) => ({ latest_time: latest, openid }));
  }

  /** @throws WeChatError 65401 unknown, 65415 offline, 65414 in another session. */
  openSession(kfAccount: unknown, openid: string): void {
    const account = this.account(kfAccount);
    if (!account.worker) throw new WeChatError(65415);
    const existing = this.sessions.get(openid);
    if (existing && existing.kfAccount !== account.kfAccount) throw new WeChatError(65414);
    if (!existing) account.acceptedCases++;
    this.sessions.set(openid, { openid, kfAccount: account.kfAccount, createTime: Math.floor(this.clock() / 1000) });
    this.waiting.delete(openid);
  }

  /** @throws WeChatError 65413 no such session. */
  closeSession(kfAccount: unknown, openid: string): void {
    const account = this.account(kfAccount);
    const session = this.sessions.get(openid);
    if (!session || session.kfAccount !== account.kfAccount) throw new WeChatError(65413);
    this.sessions.delete(openid);
    account.acceptedCases = Math.max(0, account.acceptedCases - 1);
  }

  session(openid: string): KfSession | undefined {
    return this.sessions.get(openid);
  }

  sessionsOf(kfAccount: unknown): KfSession[] {
    const account = this.account(kfAccount);
    return [...this.sessions.values()].filter((session) => session.kfAccount === account.kfAccount);
  }

  private validName(kfAccount: string): boolean {
    const [prefix, id, ...rest] = kfAccount.split('@');
    return rest.length === 0 && /^[A-Za-z0-9_]{1,10}$/.test(prefix ?? '') && this.accountIds.includes(id ?? '');
  }
}

function checkNickname(nickname: unknown): void {
  if (typeof nickname !== 'string' || nickname === '' || [...nickname].length > 16) throw new WeChatError(65403);
}
