import { WeChatError } from '../../common/errors.js';
import { newAppId } from '../../common/ids.js';
import type { Account } from '../accounts.js';

interface OpenAccount {
  readonly openAppId: string;
  readonly principalName: string;
  readonly createdByApi: boolean;
  readonly members: Set<string>;
}

const MAX_MEMBERS = 100;

/**
 * Open-platform accounts (开放平台账号) and the official accounts and mini programs bound to them, so they share
 * UnionIDs. An account binds to one at most; one holds 100 accounts of its own principal.
 */
export class OpenAccounts {
  private readonly byOpenAppId = new Map<string, OpenAccount>();
  private readonly boundTo = new Map<string, string>();

  /** `cgi-bin/open/create`. @throws WeChatError 89000 already bound. */
  create(account: Account): string {
    if (this.boundTo.has(account.appId)) throw new WeChatError(89000);
    let openAppId = newAppId();
    while (this.byOpenAppId.has(openAppId)) openAppId = newAppId();
    this.byOpenAppId.set(openAppId, { openAppId, principalName: account.principalName, createdByApi: true, members: new Set() });
    this.attach(account.appId, openAppId);
    return openAppId;
  }

  /** An open-platform account made on the open platform's website (not through the API): 89003 for API changes. */
  createOutsideApi(principalName: string): string {
    const openAppId = newAppId();
    this.byOpenAppId.set(openAppId, { openAppId, principalName, createdByApi: false, members: new Set() });
    return openAppId;
  }

  /** @throws WeChatError 89000 already bound, 89002 unknown, 89003 not made by the API, 89001 another principal, 89004 full. */
  bind(account: Account, openAppId: unknown): void {
    if (this.boundTo.has(account.appId)) throw new WeChatError(89000);
    const open = typeof openAppId === 'string' ? this.byOpenAppId.get(openAppId) : undefined;
    if (!open) throw new WeChatError(89002);
    if (!open.createdByApi) throw new WeChatError(89003);
    if (open.principalName !== account.principalName) throw new WeChatError(89001);
    if (open.members.size >= MAX_MEMBERS) throw new WeChatError(89004);
    this.attach(account.appId, open.openAppId);
  }

  /** @throws WeChatError 89002 not bound to `openAppId`, 89003 not made by the API. */
  unbind(account: Account, openAppId: unknown): void {
    const current = this.boundTo.get(account.appId);
    if (current === undefined || current !== openAppId) throw new WeChatError(89002);
    const open = this.byOpenAppId.get(current)!;
    if (!open.createdByApi) throw new WeChatError(89003);
    open.members.delete(account.appId);
    this.boundTo.delete(account.appId);
  }

  /** @throws WeChatError 89002 not bound. */
  get(account: Account): string {
    const openAppId = this.boundTo.get(account.appId);
    if (openAppId === undefined) throw new WeChatError(89002);
    return openAppId;
  }

  has(account: Account): boolean {
    return this.boundTo.has(account.appId);
  }

  private attach(appId: string, openAppId: string): void {
    this.byOpenAppId.get(openAppId)!.members.add(appId);
    this.boundTo.set(appId, openAppId);
  }
}
