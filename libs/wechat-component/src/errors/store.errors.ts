import { WeChatComponentError } from './wechat-component.errors.js';

/**
 * The store (Redis) did not answer in time or is not connected. Calls fail fast with this error instead of waiting
 * for the store to come back; the webhooks answer 5xx so WeChat retries the push, and everything works again as soon
 * as the store is back — no restart needed.
 */
export class StoreUnavailableError extends WeChatComponentError {
  declare readonly code: 'STORE_UNAVAILABLE';

  constructor(
    /** What failed, e.g. `get` or `the Redis client is not connected`. Never a key's value. */
    readonly reason: string,
  ) {
    super('STORE_UNAVAILABLE', `The store is unavailable (${reason}); retry once it is back.`);
  }
}

/**
 * A durable record kept changing under a conditional write (another instance wrote it each time this one tried).
 * Nothing was overwritten; the caller may retry.
 */
export class StoreWriteConflictError extends WeChatComponentError {
  declare readonly code: 'STORE_WRITE_CONFLICT';

  constructor(what: string) {
    super('STORE_WRITE_CONFLICT', `${what} changed under every attempt to update it; nothing was overwritten. Retry.`);
  }
}
