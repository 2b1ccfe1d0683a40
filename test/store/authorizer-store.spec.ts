import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type OwnRedisCluster } from '../support/redis-server.js';
import { CLUSTER_KINDS, keySpace, STORE_KINDS } from '../support/redis-stores.js';
import { REDIS_URL } from '../support/redis.js';
import { AuthorizerStoreContractError, verifyAuthorizerStore } from 'nestjs-wechat-component/testing';
import type { AuthorizerRecord, AuthorizerStore } from 'nestjs-wechat-component';
import { BackendAuthorizerStore } from '../../libs/wechat-component/src/store/backend-authorizer-store.js';
import { createStoreBackend } from '../../libs/wechat-component/src/store/create-store-backend.js';
import { MemoryStoreBackend } from '../../libs/wechat-component/src/store/memory-store-backend.js';
import { StoreKeys } from '../../libs/wechat-component/src/store/store-keys.js';

describe('the AuthorizerStore contract (verifyAuthorizerStore)', () => {
  it('holds for the default store over memory', async () => {
    const store = new BackendAuthorizerStore(new MemoryStoreBackend(), new StoreKeys('t', 'wx0000000000000000'));
    await verifyAuthorizerStore(() => store);
  });

  it.each(Object.keys(STORE_KINDS))('holds for the default store over Redis, the store being %s', async (name) => {
    const [opened, keys] = await Promise.all([STORE_KINDS[name]!(REDIS_URL), keySpace()]);
    try {
      const backend = createStoreBackend(opened.store, { timeoutMs: 2000 });
      const store = new BackendAuthorizerStore(backend, new StoreKeys(keys.prefix, 'wx0000000000000000'));
      await verifyAuthorizerStore(() => store);
    } finally {
      await keys.close();
      await opened.close();
    }
  });

  describe('over a Redis Cluster', () => {
    let cluster: OwnRedisCluster;
    beforeAll(async () => {
      cluster = await startRedisCluster();
    });
    afterAll(() => cluster.stop());

    it.each(Object.keys(CLUSTER_KINDS))('holds for the default store over a %s', async (name) => {
      const opened = await CLUSTER_KINDS[name]!(cluster.nodes);
      try {
        const backend = createStoreBackend(opened.store, { timeoutMs: 2000 });
        await verifyAuthorizerStore(() => new BackendAuthorizerStore(backend, new StoreKeys(`test-${randomUUID()}`, 'wx0000000000000000')));
      } finally {
        await opened.close();
      }
    });
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
