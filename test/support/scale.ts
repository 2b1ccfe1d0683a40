import { ComponentService } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../../apps/sandbox/src/index.js';
import { createStoreBackend } from '../../libs/wechat-component/src/store/create-store-backend.js';
import type { StoreBackend } from '../../libs/wechat-component/src/store/store-backend.js';
import { connect, startPlatform, type PlatformOverrides, type TestPlatform } from './platform.js';
import { redisCache } from './redis.js';

/** The path of authorizer token refreshes on the sandbox. */
export const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';

type RedisConnection = Awaited<ReturnType<typeof redisCache>>;

interface RawRedis {
  get(key: string): Promise<string | null>;
  scan(cursor: number, options: { MATCH: string; COUNT: number }): Promise<{ cursor: number; keys: string[] }>;
  del(keys: string[]): Promise<number>;
}

/** Several platform instances on one Redis key space (one connection each), and their cleanup. */
export class InstanceGroup {
  readonly keyPrefix = `test-scale-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  readonly platforms: TestPlatform[] = [];
  private readonly connections: RedisConnection[] = [];

  constructor(private readonly sandbox: RunningSandbox) {}

  /** Starts one more instance sharing the group's Redis key space. */
  async start(overrides: PlatformOverrides = {}): Promise<TestPlatform> {
    const connection = await redisCache();
    this.connections.push(connection);
    const platform = await startPlatform(this.sandbox, { store: connection.cache, keyPrefix: this.keyPrefix, ...overrides });
    this.platforms.push(platform);
    return platform;
  }

  /** The raw Redis client of the first instance. */
  get redis(): RawRedis {
    return (this.connections[0]!.cache.store as unknown as { client: RawRedis }).client;
  }

  /** The module's store operations over the group's Redis, e.g. to act as another (dying) instance would. */
  storeBackend(): StoreBackend {
    return createStoreBackend(this.connections[0]!.cache, { timeoutMs: 2000 });
  }

  /** The key of the scheduled refresh's due index. */
  dueIndexKey(componentAppId: string): string {
    return `${this.keyPrefix}:${componentAppId}:refresh-due`;
  }

  /** Deletes every key of the group, as a flush of the platform's Redis would (SCAN, not KEYS). */
  async flush(): Promise<number> {
    let deleted = 0;
    let cursor = 0;
    do {
      const page = await this.redis.scan(cursor, { MATCH: `${this.keyPrefix}:*`, COUNT: 1000 });
      cursor = page.cursor;
      if (page.keys.length > 0) deleted += await this.redis.del(page.keys);
    } while (cursor !== 0);
    return deleted;
  }

  async close(): Promise<void> {
    await Promise.all(this.platforms.map((platform) => platform.close()));
    await this.flush();
    await Promise.all(this.connections.map((connection) => connection.close()));
  }
}

/**
 * Creates `count` official accounts and authorizes them through `platform` (api_query_auth), so the platform holds a
 * token and a refresh token for each. Returns their appids.
 */
export async function authorizeAccounts(sandbox: RunningSandbox, platform: TestPlatform, count: number): Promise<string[]> {
  const { accounts } = await sandbox.client.createAccounts({ count, type: 'official_account' });
  const component = platform.get(ComponentService);
  for (const account of accounts) {
    await component.queryAuth((await sandbox.client.authorize(account.appId, { push: false })).authorizationCode);
  }
  return accounts.map((account) => account.appId);
}

/** The appids the sandbox saw api_authorizer_token calls for since `since`, in call order, and the call times. */
export async function refreshCalls(sandbox: RunningSandbox, since: number): Promise<{ appIds: string[]; at: number[] }> {
  const calls = await sandbox.client.calls({ path: AUTHORIZER_TOKEN, since, limit: 1000 });
  const appIds = calls.map((call) => call.appId ?? (call.body as { authorizer_appid: string }).authorizer_appid);
  return { appIds, at: calls.map((call) => call.at) };
}

export { connect };
