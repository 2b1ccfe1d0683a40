import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeaseLock } from '../store/lease-lock.js';
import { MemoryStoreBackend } from '../store/memory-store-backend.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import { TOKEN_CACHE_MS, TokenKeeper, type ManagedToken } from './token-keeper.js';

/** A token whose fetches are counted. */
function countingToken(key: string, lifetimeSeconds = 7200) {
  let fetches = 0;
  let next: { started(): void; released: Promise<void> } | undefined;
  const managed: ManagedToken = {
    key,
    label: 'test',
    fetch: async () => {
      fetches++;
      const held = next;
      next = undefined;
      held?.started();
      await held?.released;
      return { token: `token-${fetches}`, expiresInSeconds: lifetimeSeconds };
    },
  };
  /**
   * Holds the next fetch in flight until `release()`, so a test decides how long it lasts instead of guessing with a
   * delay; `started` resolves once it is in flight.
   */
  const holdNextFetch = () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const started = new Promise<void>((resolve) => (next = { started: resolve, released }));
    return { started, release };
  };
  return { managed, fetches: () => fetches, holdNextFetch };
}

// The store is memory here: what the keeper decides does not depend on the store. The same keeper over real Redis,
// shared by two instances, is in test/store/token-keeper.spec.ts.
describe('TokenKeeper', () => {
  const keys = new StoreKeys('t', 'wx0000000000000000');
  const keeper = (backend: StoreBackend, leaseMs = 2000) =>
    new TokenKeeper(backend, keys, new LeaseLock(backend, leaseMs), { waitMs: 5000, workMs: leaseMs - 100, backoffMs: 1000, maxBackoffMs: 60_000 });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one fetch among 30 concurrent callers in a process', async () => {
    const memory = new MemoryStoreBackend();
    const tries = vi.spyOn(memory, 'setIfAbsent');
    const { managed, fetches, holdNextFetch } = countingToken('mem:t1');
    const { release } = holdNextFetch();
    const tokens = Promise.all(Array.from({ length: 30 }, () => keeper(memory).getToken(managed)));
    // Separate keepers share nothing in process, but the memory store's lease still lets one fetch: the fetch is
    // held until every keeper has asked for the lease, so all 30 callers overlap it.
    await vi.waitFor(() => expect(tries.mock.calls.length).toBeGreaterThanOrEqual(30));
    release();
    expect(new Set(await tokens)).toEqual(new Set(['token-1']));
    expect(fetches()).toBe(1);
  });

  it('drops a rejected token only if it is still the stored one', async () => {
    const { managed, fetches } = countingToken('t3');
    const k = keeper(new MemoryStoreBackend());
    expect(await k.getToken(managed)).toBe('token-1');
    await k.invalidate(managed, 'some-older-token');
    expect(await k.getToken(managed)).toBe('token-1');
    await k.invalidate(managed, 'token-1');
    expect(await k.getToken(managed)).toBe('token-2');
    expect(fetches()).toBe(2);
  });

  it('refreshIfDue: refreshes when due, skips when not due or busy', async () => {
    const { managed, fetches, holdNextFetch } = countingToken('t4');
    const k = keeper(new MemoryStoreBackend());
    await k.getToken(managed);
    expect(await k.refreshIfDue(managed, () => false)).toBe('not-due');
    // A second pass while the first still fetches under the lease finds it busy.
    const { started, release } = holdNextFetch();
    const first = k.refreshIfDue(managed, () => true);
    await started;
    expect(await k.refreshIfDue(managed, () => true)).toBe('busy');
    release();
    expect(await first).toBe('refreshed');
    expect(fetches()).toBe(2);
  });

  it('takes over when the holder of the lease died, once its lease lapses', async () => {
    vi.useFakeTimers();
    const memory = new MemoryStoreBackend();
    const { managed, fetches } = countingToken('t5');
    // A holder that took the lease and vanished: its lease lapses 2000 ms from now.
    expect(await memory.setIfAbsent(keys.lock(managed.key), { owner: 'dead' }, 2000)).toBe(true);
    const tries = vi.spyOn(memory, 'setIfAbsent');
    const token = keeper(memory).getToken(managed);
    // While the lease is held, the caller keeps asking for it and fetches nothing. (vi.waitFor moves the fake clock
    // by its 50 ms interval at each check, far less than the lease.)
    await vi.waitFor(() => expect(tries.mock.calls.length).toBeGreaterThanOrEqual(2));
    expect(fetches()).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await token).toBe('token-1');
    expect(fetches()).toBe(1);
  });

  it('forceRefresh fetches a new token even when the stored one is fresh', async () => {
    const { managed, fetches } = countingToken('t6');
    const k = keeper(new MemoryStoreBackend());
    await k.getToken(managed);
    expect((await k.forceRefresh(managed)).token).toBe('token-2');
    expect(fetches()).toBe(2);
  });

  describe('the in-process cache of tokens', () => {
    // Two instances over one store, on a clock the test moves (tokens live 7200 s, so moving it seconds is safe).
    let clock = Date.now();
    const now = () => clock;
    const shared = new MemoryStoreBackend(now);
    const instance = (cacheMs = TOKEN_CACHE_MS) =>
      new TokenKeeper(shared, keys, new LeaseLock(shared, 2000), { waitMs: 5000, workMs: 1900, backoffMs: 1000, maxBackoffMs: 60_000, cacheMs }, now);

    it('is far shorter than the time WeChat keeps a replaced token working (about 5 minutes)', () => {
      expect(TOKEN_CACHE_MS).toBeGreaterThan(0);
      expect(TOKEN_CACHE_MS).toBeLessThanOrEqual(60_000);
    });

    it('serves a token without the store until cacheMs has passed, then sees the token another instance stored', async () => {
      const { managed } = countingToken('c1');
      const [a, b] = [instance(), instance()];
      expect(await a.getToken(managed)).toBe('token-1');
      await shared.delete(managed.key); // gone from the store: only the cache can answer now
      expect(await a.getToken(managed)).toBe('token-1');
      expect((await b.forceRefresh(managed)).token).toBe('token-2'); // another instance replaces it
      clock += TOKEN_CACHE_MS - 1;
      expect(await a.getToken(managed)).toBe('token-1'); // still working at WeChat (for minutes)
      clock += 1;
      expect(await a.getToken(managed)).toBe('token-2');
    });

    it('drops a token WeChat rejected at once, and an instance refreshing it replaces what it held', async () => {
      const { managed, fetches } = countingToken('c2');
      const [a, b] = [instance(), instance()];
      expect(await Promise.all([a.getToken(managed), b.getToken(managed)])).toEqual(['token-1', 'token-1']);
      // B's call is rejected (40001): B drops it here and in the store, and gets a new one.
      await b.invalidate(managed, 'token-1');
      expect(await b.getToken(managed)).toBe('token-2');
      // A still holds token-1 — until WeChat rejects it for A too, which drops it at once: A reads token-2.
      expect(await a.getToken(managed)).toBe('token-1');
      await a.invalidate(managed, 'token-1');
      expect(await a.getToken(managed)).toBe('token-2');
      expect(fetches()).toBe(2);
      // A rejection of a token no longer held drops nothing.
      await a.invalidate(managed, 'token-1');
      await shared.delete(managed.key);
      expect(await a.getToken(managed)).toBe('token-2');
      // A forced refresh in this instance replaces what it holds.
      expect((await a.forceRefresh(managed)).token).toBe('token-3');
      expect(await a.getToken(managed)).toBe('token-3');
      // So does a removal (a revoked account).
      await a.remove(managed);
      expect(await a.getToken(managed)).toBe('token-4');
    });

    it('never serves a token past its usable life, whatever cacheMs says', async () => {
      const { managed, fetches } = countingToken('c3', 20); // usable for 18 of its 20 s
      const a = instance(3_600_000);
      expect(await a.getToken(managed)).toBe('token-1');
      clock += 17_000;
      expect(await a.getToken(managed)).toBe('token-1');
      clock += 1_000;
      expect(await a.getToken(managed)).toBe('token-2');
      expect(fetches()).toBe(2);
    });

    it('lets go of every token when the store lost its data (releaseAll), so the next read goes to the store', async () => {
      const { managed } = countingToken('c5');
      const a = instance();
      expect(await a.getToken(managed)).toBe('token-1');
      await shared.delete(managed.key); // flushed
      expect(await a.getToken(managed)).toBe('token-1');
      a.releaseAll();
      expect(await a.getToken(managed)).toBe('token-2');
    });

    it('is off with cacheMs 0: every read goes to the store', async () => {
      const { managed } = countingToken('c4');
      const a = instance(0);
      expect(await a.getToken(managed)).toBe('token-1');
      await shared.delete(managed.key);
      expect(await a.getToken(managed)).toBe('token-2');
    });
  });
});
