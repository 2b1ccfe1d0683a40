import type { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { getOption, OPTION_VALUES } from '../state/authorizer-options.js';
import type { AccountDetail, AccountView, SandboxSummary, TokenIssueSummary, TokenView } from './types.js';

/** The owner's newest access token, if any. */
export function tokenView(sandbox: Sandbox, owner: string): TokenView | undefined {
  const record = sandbox.tokens.current(owner);
  if (!record) return undefined;
  return { token: record.token, expiresAt: record.expiresAt, expired: record.expiresAt <= sandbox.clock(), issued: sandbox.tokens.issuedCount(owner) };
}

export function accountView(sandbox: Sandbox, account: Account): AccountView {
  const view: AccountView = {
    appId: account.appId,
    type: account.type,
    userName: account.userName,
    nickName: account.nickName,
    principalName: account.principalName,
    status: account.status,
    funcIds: [...account.funcIds],
    hasMenu: account.menu !== undefined,
  };
  if (account.authorizedAt !== undefined) view.authorizedAt = account.authorizedAt;
  if (account.refreshToken !== undefined) view.refreshToken = account.refreshToken;
  const token = tokenView(sandbox, account.appId);
  if (token) view.accessToken = token;
  if (account.testGroup !== undefined) view.testGroup = account.testGroup;
  return view;
}

export function accountDetail(sandbox: Sandbox, account: Account): AccountDetail {
  const options = Object.fromEntries(
    Object.keys(OPTION_VALUES).map((name) => [name, getOption(account, name).option_value]),
  ) as AccountDetail['options'];
  return { ...accountView(sandbox, account), options, calls: sandbox.usage.forOwner(account.appId) };
}

export function summaryView(sandbox: Sandbox): SandboxSummary {
  const base = sandbox.baseUrl;
  const summary: SandboxSummary = {
    componentAppId: sandbox.component.appId,
    urls: { api: base, mp: base, open: base, console: `${base}/` },
    settings: { ...sandbox.settings },
    accounts: { total: sandbox.accounts.size, authorized: sandbox.accounts.authorizedCount },
    faults: sandbox.faults.size,
    lastId: sandbox.sequence.current,
  };
  const ticket = sandbox.tickets.current;
  if (ticket) summary.ticket = { value: ticket.value, issuedAt: ticket.issuedAt, ageSeconds: Math.floor((sandbox.clock() - ticket.issuedAt) / 1000) };
  const token = tokenView(sandbox, sandbox.component.appId);
  if (token) summary.componentToken = token;
  return summary;
}

/** Counts of authorizer tokens issued, over every account that ever got one; `min` lists those at or above it. */
export function tokenIssueSummary(sandbox: Sandbox, min?: number): TokenIssueSummary & { over: { appId: string; issued: number }[] } {
  const histogram: Record<string, number> = {};
  const over: { appId: string; issued: number }[] = [];
  let accounts = 0;
  let issued = 0;
  let maxPerAccount = 0;
  for (const [appId, count] of sandbox.tokens.issueCounts('authorizer')) {
    accounts++;
    issued += count;
    maxPerAccount = Math.max(maxPerAccount, count);
    histogram[count] = (histogram[count] ?? 0) + 1;
    if (min !== undefined && count >= min && over.length < 1000) over.push({ appId, issued: count });
  }
  return { accounts, issued, maxPerAccount, histogram, over };
}
