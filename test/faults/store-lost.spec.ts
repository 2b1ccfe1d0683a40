import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../apps/sandbox/src/index.js';
import { startChildPlatform, type ChildPlatform } from '../support/child-platform.js';
import { recordFigure } from '../support/fault-figures.js';
import { startTestSandbox } from '../support/platform.js';
import { startRedisServer, type TestRedisServer } from '../support/redis-server.js';
import { AUTHORIZER_TOKEN } from '../support/scale.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 9, defect 8: when the platform's Redis comes back EMPTY (restarted without persistence, flushed, failed over
 * to an empty replica), running instances must notice on their own — the store's sentinel key is gone — ask WeChat
 * for a ticket push (the ticket went with the data) and reconcile from api_get_authorizer_list, so every account
 * WeChat lists as authorized works again, without restarting anything.
 *
 * Two platform instances run in child processes on a Redis of the test's own; the test restarts it empty (or flushes
 * it, which leaves the connections up and isolates this defect from defect 1).
 */

const CHECK_SECONDS = 1;
/** How many store checks the platform gets to notice the loss, obtain a ticket and reconcile. */
const CHECKS_ALLOWED = 20;
const START_PUSH_TICKET = '/cgi-bin/component/api_start_push_ticket';

describe('Redis comes back empty: running instances reconcile by themselves', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it.each(['restarted empty', 'flushed'] as const)('Redis %s: every account WeChat lists works again, no restart', async (loss) => {
    const redis: TestRedisServer = await startRedisServer();
    cleanups.push(() => redis.stop());
    const sandbox: RunningSandbox = await startTestSandbox();
    cleanups.push(() => sandbox.stop());
    const keyPrefix = `fault-store-lost-${randomUUID()}`;
    const options = { reconcile: { storeCheckSeconds: CHECK_SECONDS } };
    const instances: ChildPlatform[] = [];
    for (let i = 0; i < 2; i++) {
      const instance = await startChildPlatform(sandbox, { redisUrl: redis.url, keyPrefix, options });
      cleanups.push(() => instance.close());
      instances.push(instance);
    }
    const [a, b] = instances as [ChildPlatform, ChildPlatform];
    sandbox.setPushTargets({ eventUrl: a.eventsUrl, messageUrl: a.messagesUrl('$APPID$') }); // pushes a first ticket

    const { accounts } = await sandbox.client.createAccounts({ count: 6, type: 'official_account' });
    await waitFor(async () => ((await a.health()).value?.ticket ? true : undefined), 'the first ticket');
    for (const account of accounts) await sandbox.client.authorize(account.appId); // the `authorized` push
    const appIds = accounts.map((account) => account.appId);
    const workingEverywhere = async (): Promise<true | undefined> => {
      for (const instance of instances) {
        for (const appId of appIds) if ((await instance.token(appId)).status !== 200) return undefined;
      }
      return true;
    };
    await waitFor(workingEverywhere, 'every account before the loss', 20_000);
    // The first store check found a new store and reconciles once the ticket is there: let it finish first.
    await waitFor(async () => ((await redis.command('EXISTS', `${keyPrefix}:${sandbox.componentAppId}:reconcile:needed`)) === '0' ? true : undefined), 'the start-up reconciliation to finish', 10_000);

    if (loss === 'restarted empty') await redis.restart();
    else await redis.command('FLUSHALL');
    const lostAt = Date.now();
    const started = performance.now();
    expect(await redis.command('DBSIZE')).toBe('0');

    await waitFor(workingEverywhere, 'every account after the loss', CHECKS_ALLOWED * CHECK_SECONDS * 1000);
    const reconciledMs = performance.now() - started;

    // Nothing written off, nothing lost: every account is authorized with a refresh token WeChat still accepts.
    const tokenCallsOfReconciliation = await sandbox.client.calls({ path: AUTHORIZER_TOKEN, since: lostAt, limit: 1000 });
    let writtenOff = 0;
    let refreshTokensLost = 0;
    for (const appId of appIds) {
      const record = await b.authorizer(appId);
      if (record.value?.status !== 'authorized' || !record.value.hasRefreshToken) writtenOff++;
      if ((await b.refresh(appId)).status !== 200) refreshTokensLost++;
    }
    // Each listed refresh token tried once (it is adopted only after WeChat accepted it): no account refreshed twice.
    const perAccount = new Map<string, number>();
    for (const call of tokenCallsOfReconciliation) {
      const appId = call.appId ?? (call.body as { authorizer_appid: string }).authorizer_appid;
      perAccount.set(appId, (perAccount.get(appId) ?? 0) + 1);
    }
    const doubleRefreshes = [...perAccount.values()].reduce((sum, count) => sum + count - 1, 0);
    const slug = loss === 'restarted empty' ? 'store-restarted-empty' : 'store-flushed';
    await recordFigure(`${slug}.reconciled-after`, reconciledMs, 'ms');
    await recordFigure(`${slug}.accounts-written-off`, writtenOff, 'count');
    await recordFigure(`${slug}.refresh-tokens-lost`, refreshTokensLost, 'count');
    await recordFigure(`${slug}.double-refreshes`, doubleRefreshes, 'count');

    expect({ writtenOff, refreshTokensLost }).toEqual({ writtenOff: 0, refreshTokensLost: 0 });
    expect(a.alive && b.alive).toBe(true);
    // One ticket push asked for, across both instances.
    expect(await sandbox.client.calls({ path: START_PUSH_TICKET, since: lostAt })).toHaveLength(1);
    expect([...perAccount.keys()].sort()).toEqual([...appIds].sort());
    expect(doubleRefreshes).toBe(0);
  });
});
