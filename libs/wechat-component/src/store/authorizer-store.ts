/** Where an authorization stands. */
export type AuthorizerStatus = 'authorized' | 'revoked' | 'reauthorization_required';

/**
 * The durable state of one authorizer (official account or mini program). Losing the refresh token means the
 * account must authorize again, so this never expires, and it only ever changes through a conditional write.
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
  /**
   * Incremented by every write (1 for the first). {@link AuthorizerStore.save} writes only over the version the
   * writer read, so a writer that read an older record loses instead of overwriting a newer one. Records stored by
   * versions of this module before 0.2 have none: read as 0.
   */
  readonly version: number;
  /**
   * CreateTime (epoch ms) of the last authorization event applied to this record (`authorized`, `updateauthorized`,
   * `unauthorized`, or the time of an authorization exchanged through the redirect); 0 when none. An event older than
   * this changes nothing, so WeChat's late retries cannot undo a newer authorization or revocation.
   */
  readonly lastEventAt: number;
}

/**
 * Persistence of {@link AuthorizerRecord}s. The default keeps them in the module's store with no expiry; provide
 * your own (`authorizerStore` option) to keep them in your database.
 *
 * The contract (run `verifyAuthorizerStore` from `nestjs-wechat-component/testing` against an implementation):
 * - `save` is a compare-and-set on `version`, atomic against every other writer (all instances): one transaction
 *   (`UPDATE … SET … WHERE app_id = ? AND version = ?` and checking the row count, or `INSERT` failing on a duplicate
 *   key when `expectedVersion` is null). It returns false, and changes nothing, when the stored version is not
 *   `expectedVersion`.
 * - Records never expire and are never evicted.
 * - `list` pages through every record in a stable order; `count` counts them.
 * - Errors (the database is down) are thrown, never swallowed: the caller answers WeChat with a 5xx so it retries.
 */
export interface AuthorizerStore {
  get(appId: string): Promise<AuthorizerRecord | undefined>;
  /**
   * Writes `record` only if the stored record of `record.appId` has version `expectedVersion` — or, with `null`, only
   * if there is none. `record.version` is `expectedVersion + 1` (1 for a new record). True when written.
   */
  save(record: AuthorizerRecord, expectedVersion: number | null): Promise<boolean>;
  /** Records in a stable order, from `offset`, at most `limit`. */
  list(offset: number, limit: number): Promise<AuthorizerRecord[]>;
  count(): Promise<number>;
}
