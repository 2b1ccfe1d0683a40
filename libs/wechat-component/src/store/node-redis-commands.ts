import type { RedisCommands } from './redis-commands.js';
import type { IndexEntry } from './store-backend.js';

/**
 * The part of a node-redis client (v4 to v6, single node or cluster) the module uses. The options objects are the
 * ones v4 understands; v5 and v6 still accept them (`{ PX, NX }` rather than `{ expiration, condition }`), so one
 * adapter serves every version. A v4 client would silently ignore the newer forms, dropping a lease's expiry.
 */
export interface NodeRedisClient {
  /** True once `connect()` was called, until the client is closed. */
  readonly isOpen: boolean;
  /** True while connected (clients of every version; clusters from v6 on — older clusters only have `isOpen`). */
  readonly isReady?: boolean;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: { PX?: number; NX?: boolean }): Promise<string | null>;
  del(key: string): Promise<number>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  zAdd(key: string, member: { score: number; value: string }, options?: { NX?: true }): Promise<number>;
  zRem(key: string, member: string): Promise<number>;
  zRangeByScoreWithScores(
    key: string,
    min: number | string,
    max: number | string,
    options: { LIMIT: { offset: number; count: number } },
  ): Promise<Array<{ value: string; score: number }>>;
  zRange(key: string, start: number, stop: number): Promise<string[]>;
  zCard(key: string): Promise<number>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Clusters only (every version): sends a raw command to the node owning `firstKey`'s slot. */
  sendCommand?(firstKey: string, isReadonly: boolean, args: string[]): Promise<unknown>;
  /** Clusters only: tells a cluster from a single client. */
  getSlotMaster?(slot: number): unknown;
}

/** Whether `value` looks like a node-redis client or cluster (camel-case commands, `isOpen`). */
export function isNodeRedisClient(value: unknown): value is NodeRedisClient {
  const client = value as Partial<Record<keyof NodeRedisClient, unknown>> | null | undefined;
  return (
    typeof client === 'object' &&
    client !== null &&
    typeof client.isOpen === 'boolean' &&
    typeof client.eval === 'function' &&
    typeof client.zRangeByScoreWithScores === 'function' &&
    typeof client.on === 'function'
  );
}

/**
 * Commands over a node-redis client. `connect`, when given, opens a client that connects lazily (`@keyv/redis`
 * connects on first use): called whenever the client is closed, one attempt at a time.
 */
export function nodeRedisCommands(client: NodeRedisClient, connect?: () => Promise<unknown>): RedisCommands {
  let connecting: Promise<unknown> | undefined;
  return {
    library: 'node-redis',
    unavailable() {
      if (!client.isOpen) {
        if (!connect) return 'the node-redis client is not connected: call `await client.connect()` before using it';
        connecting ??= connect()
          .catch(() => undefined) // the client's `error` event reports why
          .finally(() => (connecting = undefined));
        return 'the node-redis client is connecting';
      }
      return (client.isReady ?? true) ? undefined : 'the node-redis client is not connected (reconnecting)';
    },
    onError(listener) {
      client.on('error', listener);
    },
    get: (key) => client.get(key),
    async set(key, value, ttlMs) {
      await (ttlMs === undefined ? client.set(key, value) : client.set(key, value, { PX: ttlMs }));
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await client.set(key, value, { PX: ttlMs, NX: true })) === 'OK';
    },
    async del(key) {
      await client.del(key);
    },
    // A v4 cluster routes `eval` by a key it reads from the wrong argument (the script), so the script lands on a random
    // node and fails with MOVED; sent raw, with its first key named, it goes where its keys live (on every version).
    eval: isCluster(client)
      ? (script, keys, args) => client.sendCommand(keys[0]!, false, ['EVAL', script, String(keys.length), ...keys, ...args])
      : (script, keys, args) => client.eval(script, { keys, arguments: args }),
    zAdd: (key, member, score, onlyIfAbsent) =>
      onlyIfAbsent ? client.zAdd(key, { score, value: member }, { NX: true }) : client.zAdd(key, { score, value: member }),
    async zRem(key, member) {
      await client.zRem(key, member);
    },
    async zRangeByScore(key, maxScore, limit): Promise<IndexEntry[]> {
      const rows = await client.zRangeByScoreWithScores(key, '-inf', maxScore, { LIMIT: { offset: 0, count: limit } });
      return rows.map((row) => ({ member: String(row.value), score: Number(row.score) }));
    },
    zRange: (key, start, stop) => client.zRange(key, start, stop),
    async zCard(key) {
      return Number(await client.zCard(key));
    },
  };
}

function isCluster(client: NodeRedisClient): client is NodeRedisClient & Required<Pick<NodeRedisClient, 'sendCommand'>> {
  return typeof client.getSlotMaster === 'function' && typeof client.sendCommand === 'function';
}
