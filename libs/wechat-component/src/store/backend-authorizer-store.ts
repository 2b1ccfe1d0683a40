import type { AuthorizerRecord, AuthorizerStore } from './authorizer-store.js';
import type { StoreBackend } from './store-backend.js';
import type { StoreKeys } from './store-keys.js';

/**
 * The default {@link AuthorizerStore}: records in the module's store (no expiry, written by a compare-and-set on
 * their version) plus an ordered index of appids.
 */
export class BackendAuthorizerStore implements AuthorizerStore {
  constructor(
    private readonly backend: StoreBackend,
    private readonly keys: StoreKeys,
  ) {}

  get(appId: string): Promise<AuthorizerRecord | undefined> {
    return this.backend.get<AuthorizerRecord>(this.keys.authorizer(appId));
  }

  async save(record: AuthorizerRecord, expectedVersion: number | null): Promise<boolean> {
    const key = this.keys.authorizer(record.appId);
    // Sent together (one round trip): the index entry is right whether or not the write wins, since a lost write
    // means a record is stored already.
    const [written] = await Promise.all([
      this.backend.setIf(key, record, { key, field: 'version', equals: expectedVersion }),
      this.backend.indexAdd(this.keys.authorizerIndex, record.appId, 0),
    ]);
    return written;
  }

  async list(offset: number, limit: number): Promise<AuthorizerRecord[]> {
    const appIds = await this.backend.indexRange(this.keys.authorizerIndex, offset, limit);
    const records = await Promise.all(appIds.map((appId) => this.get(appId)));
    return records.filter((record): record is AuthorizerRecord => record !== undefined);
  }

  count(): Promise<number> {
    return this.backend.indexSize(this.keys.authorizerIndex);
  }
}
