import { randomUUID } from 'node:crypto';
import type { AuthorizerRecord, AuthorizerStore } from '../store/authorizer-store.js';

/** An {@link AuthorizerStore} broke its contract; `failures` names every check that failed. */
export class AuthorizerStoreContractError extends Error {
  constructor(readonly failures: readonly string[]) {
    super(`The AuthorizerStore does not keep its contract:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
    this.name = 'AuthorizerStoreContractError';
  }
}

/** How hard {@link verifyAuthorizerStore} pushes. */
export interface VerifyAuthorizerStoreOptions {
  /** Writers racing for one record in the concurrency checks. Default 16. */
  readonly writers?: number;
  /** Records written for the paging check. Default 25. */
  readonly records?: number;
}

/**
 * The conformance suite of the {@link AuthorizerStore} contract, for an implementation over your own database: run it
 * in your test framework against a store over an empty table (`await verifyAuthorizerStore(() => new MyStore(db))`).
 * It resolves when every check passes and throws {@link AuthorizerStoreContractError} naming each one that failed:
 * reads of unknown records, the compare-and-set of `save` (a create fails over an existing record, an update over a
 * version other than the stored one, and of concurrent writers that read the same version exactly one wins), field
 * round trips, and paging through `list` with `count`.
 *
 * @param createStore a store over empty storage (each call may return the same store)
 */
export async function verifyAuthorizerStore(
  createStore: () => AuthorizerStore | Promise<AuthorizerStore>,
  options: VerifyAuthorizerStoreOptions = {},
): Promise<void> {
  const writers = options.writers ?? 16;
  const failures: string[] = [];
  const check = (condition: boolean, failure: string) => {
    if (!condition) failures.push(failure);
  };
  const store = await createStore();
  const appId = `wx${randomUUID().replace(/-/g, '').slice(0, 16)}`;

  check((await store.get(appId)) === undefined, 'get of an unknown appid must resolve undefined');

  const first = record(appId, 1, { refreshToken: 'refresh-1', funcScopeIds: [1, 15] });
  check((await store.save(first, null)) === true, 'save(record, null) must create a record that does not exist and resolve true');
  const stored = await store.get(appId);
  check(sameRecord(stored, first), `get must return every field saved (got ${describe(stored)})`);
  check((await store.save(record(appId, 1, { refreshToken: 'other' }), null)) === false, 'save(record, null) must resolve false when the record exists');
  check((await store.get(appId))?.refreshToken === 'refresh-1', 'a refused create must change nothing');

  check((await store.save(record(appId, 2, { refreshToken: 'refresh-2' }), 1)) === true, 'save(record, storedVersion) must write and resolve true');
  check((await store.save(record(appId, 2, { refreshToken: 'late' }), 1)) === false, 'save(record, olderVersion) must resolve false (a late writer loses)');
  check((await store.save(record(appId, 9, { refreshToken: 'ahead' }), 8)) === false, 'save(record, aVersionNeverStored) must resolve false');
  check((await store.get(appId))?.refreshToken === 'refresh-2', 'refused updates must change nothing');

  const revoked = record(appId, 3, { status: 'revoked', refreshToken: undefined });
  check((await store.save(revoked, 2)) === true, 'a record without a refresh token must be saved');
  check((await store.get(appId))?.refreshToken === undefined, 'a refresh token removed by a save must stay removed');

  const racers = Array.from({ length: writers }, (_, i) => store.save(record(appId, 4, { refreshToken: `racer-${i}` }), 3));
  const updateWins = (await Promise.all(racers)).filter(Boolean).length;
  check(updateWins === 1, `of ${writers} concurrent saves over the same version exactly one must win (${updateWins} did)`);

  const raced = `wx${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const creators = Array.from({ length: writers }, (_, i) => store.save(record(raced, 1, { refreshToken: `creator-${i}` }), null));
  const createWins = (await Promise.all(creators)).filter(Boolean).length;
  check(createWins === 1, `of ${writers} concurrent creates of one appid exactly one must win (${createWins} did)`);

  const pageStore = await createStore();
  const before = await pageStore.count();
  const added = Array.from({ length: options.records ?? 25 }, () => `wx${randomUUID().replace(/-/g, '').slice(0, 16)}`);
  for (const id of added) await pageStore.save(record(id, 1, {}), null);
  check((await pageStore.count()) === before + added.length, `count must grow by the ${added.length} records saved`);
  const seen: string[] = [];
  for (let offset = 0; ; offset += 7) {
    const page = await pageStore.list(offset, 7);
    seen.push(...page.map((item) => item.appId));
    if (page.length < 7) break;
  }
  check(new Set(seen).size === seen.length, 'list must not return a record twice while paging');
  check(added.every((id) => seen.includes(id)), 'paging through list must return every record');

  if (failures.length > 0) throw new AuthorizerStoreContractError(failures);
}

function record(appId: string, version: number, fields: Partial<AuthorizerRecord>): AuthorizerRecord {
  return {
    appId,
    status: 'authorized',
    funcScopeIds: [],
    authorizedAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000 + version,
    lastEventAt: 1_700_000_000_000,
    version,
    ...fields,
  };
}

function sameRecord(actual: AuthorizerRecord | undefined, expected: AuthorizerRecord): boolean {
  return (
    actual !== undefined &&
    actual.appId === expected.appId &&
    actual.status === expected.status &&
    actual.refreshToken === expected.refreshToken &&
    actual.version === expected.version &&
    actual.lastEventAt === expected.lastEventAt &&
    actual.authorizedAt === expected.authorizedAt &&
    actual.updatedAt === expected.updatedAt &&
    JSON.stringify(actual.funcScopeIds) === JSON.stringify(expected.funcScopeIds)
  );
}

function describe(record: AuthorizerRecord | undefined): string {
  if (!record) return 'undefined';
  // Never print a refresh token: this text may end up in CI logs.
  const { refreshToken, ...rest } = record;
  return JSON.stringify({ ...rest, refreshToken: refreshToken === undefined ? undefined : '…' });
}
