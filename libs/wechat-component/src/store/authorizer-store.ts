/** Where an authorization stands. */
export type AuthorizerStatus = 'authorized' | 'revoked' | 'reauthorization_required';

/**
 * The durable state of one authorizer (official account or mini program). Losing the refresh token means the
 * account must authorize again, so this never expires and is overwritten on every authorization and refresh.
 */
export interface AuthorizerRecord {
  readonly appId: string;
  readonly status: AuthorizerStatus;
  /** The latest `authorizer_refresh_token`; absent once revoked. */
  readonly refreshToken?: string;
  /** Permission sets granted (`func_info[].funcscope_category.id`). */
  readonly funcScopeIds: readonly number[];
  /** When the platform was (last) authorized, epoch ms. */
  readonly authorizedAt: number;
  /** Last change of this record, epoch ms. */
  readonly updatedAt: number;
}

/**
 * Persistence of {@link AuthorizerRecord}s. The default keeps them in the module's store with no expiry; provide
 * your own (`authorizerStore` option) to keep them in your database.
 */
export interface AuthorizerStore {
  get(appId: string): Promise<AuthorizerRecord | undefined>;
  save(record: AuthorizerRecord): Promise<void>;
  /** Records in a stable order, from `offset`, at most `limit`. */
  list(offset: number, limit: number): Promise<AuthorizerRecord[]>;
  count(): Promise<number>;
}
