import type { IndexEntry } from './store-backend.js';

/**
 * The Redis commands {@link RedisStoreBackend} sends, in one shape whatever the client library: node-redis and ioredis
 * differ in every signature (options objects vs. positional arguments, `zAdd` vs. `zadd`, `isReady` vs. `status`), so
 * each family gets a thin adapter and the backend — its Lua scripts and its fail-fast rules — exists once.
 */
export interface RedisCommands {
  /** The client library, for messages: `node-redis` or `ioredis`. */
  readonly library: string;
  /**
   * Why a command sent now would not reach Redis (never connected, reconnecting), or `undefined` when it would. A
   * client that connects lazily (Keyv, ioredis `lazyConnect`) is told to connect here.
   */
  unavailable(): string | undefined;
  /** Listens to the client's `error` event (without a listener node-redis ends the process on a dropped connection). */
  onError(listener: (error: Error) => void): void;

  get(key: string): Promise<string | null>;
  /** SET, with PX when `ttlMs` is given. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** SET … PX ttlMs NX; true when written. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  /** ZADD (with NX when `onlyIfAbsent`); how many members were added. */
  zAdd(key: string, member: string, score: number, onlyIfAbsent: boolean): Promise<number>;
  zRem(key: string, member: string): Promise<void>;
  /** ZRANGEBYSCORE key -inf maxScore WITHSCORES LIMIT 0 limit. */
  zRangeByScore(key: string, maxScore: number, limit: number): Promise<IndexEntry[]>;
  zRange(key: string, start: number, stop: number): Promise<string[]>;
  zCard(key: string): Promise<number>;
}
