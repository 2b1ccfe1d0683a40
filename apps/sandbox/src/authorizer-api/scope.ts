import type { Account, AccountType } from '../state/accounts.js';

/**
 * Which accounts may call an authorizer API: the account types it exists for, each with the permission set
 * (`funcscope_category` id) it needs (`FUNC.ANY`, 0: none). A type not listed answers 48001; a permission set not
 * granted, 61007.
 */
export type AuthorizerApiScope = Partial<Record<AccountType, number>>;

/** Metadata key of the scope. */
export const AUTHORIZER_API_SCOPE = 'sandbox:authorizer-api-scope';

/** A request whose token the guard resolved. */
export interface AuthorizerRequest {
  authorizer?: Account;
}
