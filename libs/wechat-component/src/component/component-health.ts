import { withinDeadline } from '../common/deadline.js';
import { errorMessage } from '../common/error-text.js';
import type { StoreBackend } from '../store/store-backend.js';
import { isUsable, type TokenRecord } from '../token/token-record.js';
import type { StoredTicket } from '../store/verify-ticket.store.js';

/** How long a health check waits for the store by default, in milliseconds. */
export const DEFAULT_HEALTH_TIMEOUT_MS = 1000;

/** Options of `ComponentService.getHealth()`. */
export interface HealthCheckOptions {
  /**
   * How long the store may take to answer, in milliseconds (default 1000). A health check never waits longer: a store
   * that does not answer in time is reported unreachable.
   */
  readonly timeoutMs?: number;
}

/** What the module holds right now, for health checks. */
export interface ComponentHealth {
  /** The store answered every read of this check within the timeout. */
  readonly storeReachable: boolean;
  /** Why the store is reported unreachable: its error, or that it did not answer in time. Absent when reachable. */
  readonly storeError?: string;
  /** Which store backs the module. */
  readonly store: StoreBackend['kind'];
  /** A verify ticket younger than 12 h is stored. */
  readonly ticket: boolean;
  /**
   * Milliseconds since WeChat issued the stored ticket (its CreateTime); null when none is stored or the store did
   * not answer. WeChat pushes one every 10 minutes: an age well past that means pushes do not reach this service.
   */
  readonly ticketAgeMs: number | null;
  /** A usable component access token is stored. */
  readonly componentToken: boolean;
  /** Milliseconds until the stored component token expires (negative once expired); null when none is stored. */
  readonly componentTokenExpiresInMs: number | null;
}

/** The reads a health check makes; each is one `get` of a known key. */
export interface HealthReads {
  readonly store: StoreBackend['kind'];
  readTicket(): Promise<StoredTicket | undefined>;
  readComponentToken(): Promise<TokenRecord | undefined>;
}

/**
 * Reads the ticket and the component token under one deadline: the answer comes within `timeoutMs` whatever the
 * store does (a Redis client with an offline queue holds commands while it reconnects, for ever by default).
 */
export async function checkHealth(reads: HealthReads, options: HealthCheckOptions = {}, now = Date.now): Promise<ComponentHealth> {
  const timeoutMs = Math.max(1, Math.floor(options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS));
  let ticket: StoredTicket | undefined;
  let token: TokenRecord | undefined;
  try {
    [ticket, token] = await withinDeadline(Promise.all([reads.readTicket(), reads.readComponentToken()]), timeoutMs, () => {
      throw new Error(`the store did not answer within ${timeoutMs} ms`);
    });
  } catch (error) {
    return {
      storeReachable: false,
      storeError: errorMessage(error),
      store: reads.store,
      ticket: false,
      ticketAgeMs: null,
      componentToken: false,
      componentTokenExpiresInMs: null,
    };
  }
  const at = now();
  return {
    storeReachable: true,
    store: reads.store,
    ticket: ticket !== undefined,
    ticketAgeMs: ticket === undefined ? null : Math.max(0, at - ticket.createdAt),
    componentToken: token !== undefined && isUsable(token, at),
    componentTokenExpiresInMs: token === undefined ? null : token.expiresAt - at,
  };
}
