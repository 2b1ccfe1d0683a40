import { ConflictException, NotFoundException } from '@nestjs/common';
import type { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';

/** The account, or 404. */
export function findAccount(sandbox: Sandbox, appId: string): Account {
  const account = sandbox.accounts.get(appId);
  if (!account) throw new NotFoundException(`no account ${appId}`);
  return account;
}

/** The account if it has authorized the platform; 404 / 409 otherwise. */
export function findAuthorized(sandbox: Sandbox, appId: string): Account {
  const account = findAccount(sandbox, appId);
  if (account.status !== 'authorized') throw new ConflictException(`${appId} has not authorized the platform`);
  return account;
}
