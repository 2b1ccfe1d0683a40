import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisCache } from '../../../../test/support/redis.js';
import { AuthorizerStoreContractError, verifyAuthorizerStore } from 'nestjs-wechat-component/testing';
import type { AuthorizerRecord, AuthorizerStore } from './authorizer-store.js';
import { BackendAuthorizerStore } from './backend-authorizer-store.js';
import { createStoreBackend } from './create-store-backend.js';
import { MemoryStoreBackend } from './memory-store-backend.js';
import { StoreKeys } from './store-keys.js';

describe('the AuthorizerStore contract (verifyAuthorizerStore)', () => {
  let redis: Awaited<ReturnType<typeof redisCache>>;
  beforeAll(async () => {
    redis = await redisCache();
  });
  afterAll(() => redis.close());

  it('holds for the default store over memory', async () => {
    const store = new BackendAuthorizerStore(new MemoryStoreBackend(), new StoreKeys('t', 'wx0000000000000000'));
    await verifyAuthorizerStore(() => store);
  });

  it('holds for the default store over Redis', async () => {
    const store = new BackendAuthorizerStore(createStoreBackend(redis.cache, { timeoutMs: 2000 }), new StoreKeys(redis.prefix, 'wx0000000000000000'));
    await verifyAuthorizerStore(() => store);
  });

  it('catches a store whose save is a blind overwrite (what every store did before 0.2)', async () => {
    class BlindStore implements AuthorizerStore {
      readonly records = new Map<string, AuthorizerRecord>();
      async get(appId: string) {
        return this.records.get(appId);
      }
      async save(record: AuthorizerRecord) {
        this.records.set(record.appId, record);
        return true;
      }
      async list(offset: number, limit: number) {
        return [...this.records.values()].slice(offset, offset + limit);
      }
      async count() {
        return this.records.size;
      }
    }
    const failure = await verifyAuthorizerStore(() => new BlindStore()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthorizerStoreContractError);
    expect((failure as AuthorizerStoreContractError).failures).toEqual(
      expect.arrayContaining([
        'save(record, null) must resolve false when the record exists',
        'save(record, olderVersion) must resolve false (a late writer loses)',
        expect.stringMatching(/exactly one must win/),
      ]),
    );
  });
});
