import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthorizerClientFactory,
  ComponentService,
  type AuthorizerRecord,
  type AuthorizerStore,
} from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { startTestSandbox } from './support/platform.js';
import { AUTHORIZER_TOKEN, authorizeAccounts, connect, InstanceGroup } from './support/scale.js';
import { waitUntil } from './support/wait-for.js';

/** An application's own durable store of authorizers (its database), here a Map. */
class MapAuthorizerStore implements AuthorizerStore {
  readonly records = new Map<string, AuthorizerRecord>();
  saves = 0;

  async get(appId: string): Promise<AuthorizerRecord | undefined> {
    return this.records.get(appId);
  }

  async save(record: AuthorizerRecord, expectedVersion: number | null): Promise<boolean> {
    // A compare-and-set, as a database would do it with UPDATE … WHERE version = ? (one event-loop turn is atomic).
    const stored = this.records.get(record.appId);
    if (expectedVersion === null ? stored !== undefined : stored?.version !== expectedVersion) return false;
    this.saves++;
    this.records.set(record.appId, record);
    return true;
  }

  async list(offset: number, limit: number): Promise<AuthorizerRecord[]> {
    return [...this.records.values()].sort((a, b) => (a.appId < b.appId ? -1 : 1)).slice(offset, offset + limit);
  }

  async count(): Promise<number> {
    return this.records.size;
  }
}

const NEVER = '0 0 0 1 1 *';

describe('durable refresh tokens and reconciliation (Redis)', () => {
  let sandbox: RunningSandbox;
  let group: InstanceGroup;
  afterEach(async () => {
    await group.close();
    await sandbox.stop();
  });

  it('recovers every account from api_get_authorizer_list after the platform’s Redis keys are flushed', async () => {
    sandbox = await startTestSandbox();
    group = new InstanceGroup(sandbox);
    const a = await group.start({ reconcile: false });
    await connect(sandbox, a);
    const ours = await authorizeAccounts(sandbox, a, 5);
    // Accounts WeChat knows but this platform never heard of (their pushes were lost).
    const { accounts: unknown } = await sandbox.client.createAccounts({ count: 20, type: 'official_account', authorize: true });
    // One account re-authorized behind our back: WeChat now lists another refresh token for it.
    await sandbox.client.staleRefreshToken(ours[0]!);

    expect(await group.flush()).toBeGreaterThan(0);
    expect(await a.get(ComponentService).getAuthorizer(ours[1]!)).toBeUndefined();
    await sandbox.client.pushTicket(); // the next ticket push arrives (WeChat pushes every 10 minutes)

    // A new instance finds the store empty and reconciles at start-up, on its own.
    const b = await group.start({ refresh: { cron: NEVER }, reconcile: { whenEmptyAtStartup: true } });
    const component = b.get(ComponentService);
    await waitUntil(async () => (await component.getAuthorizer(unknown.at(-1)!.appId)) !== undefined, 'start-up reconciliation', 10_000);
    for (const appId of [...ours, ...unknown.map((account) => account.appId)]) {
      expect(await component.getAuthorizer(appId), appId).toMatchObject({ status: 'authorized' });
    }
    // Running it again changes nothing.
    expect(await a.get(ComponentService).reconcileAuthorizers()).toEqual({
      listed: 25,
      added: 0,
      updated: 0,
      unchanged: 25,
      refused: 0,
      skipped: 0,
      withoutRefreshToken: 0,
      scheduled: 0,
    });

    // The recovered refresh tokens work: a call on demand, then the scheduled refresh for all the others.
    const since = Date.now();
    await expect((await b.get(AuthorizerClientFactory).getClient(ours[0]!)).getAccessToken()).resolves.toEqual(expect.any(String));
    const pass = await b.get(ComponentService).refreshDueTokens();
    expect(pass.authorizers).toMatchObject({ refreshed: 24, failed: 0, dropped: 0 });
    const calls = await sandbox.client.calls({ path: AUTHORIZER_TOKEN, since, limit: 1000 });
    expect(calls).toHaveLength(25);
    expect(calls.filter((call) => call.errcode !== undefined && call.errcode !== 0)).toEqual([]);
  });

  it('keeps refresh tokens in a custom AuthorizerStore, and re-schedules them after a flush', async () => {
    sandbox = await startTestSandbox();
    group = new InstanceGroup(sandbox);
    const store = new MapAuthorizerStore();
    const platform = await group.start({ authorizerStore: store, refresh: { cron: NEVER }, reconcile: false });
    await connect(sandbox, platform);
    const appIds = await authorizeAccounts(sandbox, platform, 3);

    // The records live in the application's store, not in Redis.
    expect([...store.records.keys()].sort()).toEqual([...appIds].sort());
    expect(store.records.get(appIds[0]!)).toMatchObject({ status: 'authorized', refreshToken: expect.any(String) });
    expect(await group.redis.get(`${group.keyPrefix}:${sandbox.componentAppId}:authorizer:${appIds[0]}`)).toBeNull();
    expect(await platform.get(ComponentService).getAuthorizer(appIds[1]!)).toBe(store.records.get(appIds[1]!));

    // Redis loses tokens and the refresh schedule; the refresh tokens survive in the application's store.
    await group.flush();
    await sandbox.client.pushTicket();
    const { refreshToken: relisted } = await sandbox.client.staleRefreshToken(appIds[2]!);
    const component = platform.get(ComponentService);
    // The re-listed token is adopted only once WeChat accepted it — that call stored a fresh access token (and its
    // refresh schedule) for the account, so only the two others are put back into the schedule by the reconciliation.
    expect(await component.reconcileAuthorizers()).toEqual({
      listed: 3,
      added: 0,
      updated: 1,
      unchanged: 2,
      refused: 0,
      skipped: 0,
      withoutRefreshToken: 0,
      scheduled: 2,
    });
    expect(store.records.get(appIds[2]!)?.refreshToken).toBe(relisted);

    const since = Date.now();
    expect((await platform.get(ComponentService).refreshDueTokens()).authorizers).toMatchObject({ refreshed: 2, failed: 0 });
    const calls = await sandbox.client.calls({ path: AUTHORIZER_TOKEN, since, limit: 1000 });
    expect(calls.map((call) => call.errcode ?? 0)).toEqual([0, 0]);
    expect(await platform.get(AuthorizerClientFactory).getClient(appIds[2]!).then((client) => client.getAccessToken())).toEqual(expect.any(String));
  });
});
