/** The timings the module derives from its options, named so each formula is written (and tested) once. */
export interface DerivedTimings {
  /** How long a token lease lasts. */
  readonly tokenLeaseMs: number;
  /** The deadline of the work under a token lease: below the lease by a safety margin. */
  readonly tokenWorkMs: number;
  /** How long a caller waits for another instance's token refresh. */
  readonly tokenWaitMs: number;
  /** How long a component-event delivery holds its claim while acting on the push. */
  readonly eventClaimMs: number;
  /** How long a message delivery holds its claim: past its reply budget, so a holder that died frees it for a retry. */
  readonly messageClaimMs: number;
  /**
   * How long a scheduled-refresh claim keeps other instances off a due token: long enough for a page to be worked
   * through, short enough that a failed refresh (or a dead instance's claim) is retried well inside the ahead window.
   */
  readonly refreshClaimMs: number;
  /** How long a handled push (event or message) is remembered: past the freshness window, so replays are refused. */
  readonly pushMemoryMs: number;
}

/** What the timings are derived from. */
export interface TimingInputs {
  /** The deadline of one attempt: the most a non-idempotent call (token, code exchange) may take. */
  readonly httpTimeoutMs: number;
  /** The most one idempotent WeChat call may take, retries included. */
  readonly httpCallBudgetMs: number;
  /** Pushes signed longer ago than this are refused. */
  readonly pushMaxAgeMs: number;
  /** `messages.dedupeTtlSeconds`, in ms. */
  readonly dedupeTtlMs: number;
  /** `refresh.aheadSeconds` (or its default when the scheduled refresh is off), in ms. */
  readonly refreshAheadMs: number;
  /** `messages.replyBudgetMs`: how long a message's handlers may take to decide a passive reply. */
  readonly replyBudgetMs: number;
}

/**
 * The non-idempotent calls a token refresh may make under its lease, each bounded by one attempt's deadline: the token
 * call, on 61023 one more token call with the token WeChat holds, and the component token it needs, which may have to
 * be fetched first. Besides these, one idempotent lookup (`api_get_authorizer_info`, retries included).
 */
export const TOKEN_CALLS_UNDER_LEASE = 3;
/** Between the work's deadline and the lease's end: timers and the store's round trips. */
export const LEASE_SAFETY_MARGIN_MS = 2_000;
/** Markers outlive the freshness window by this much on either side of it (clock skew between WeChat and us). */
const PUSH_MEMORY_MARGIN_MS = 60_000;
/** A message claim outlives the reply budget by this much (the handlers' answer still has to be written). */
const MESSAGE_CLAIM_MARGIN_MS = 10_000;

/** Derives the module's timings; every formula is here. */
export function deriveTimings(inputs: TimingInputs): DerivedTimings {
  const tokenWorkMs = inputs.httpTimeoutMs * TOKEN_CALLS_UNDER_LEASE + inputs.httpCallBudgetMs;
  const tokenLeaseMs = tokenWorkMs + LEASE_SAFETY_MARGIN_MS;
  return {
    tokenLeaseMs,
    tokenWorkMs,
    // A waiter gives a live holder its whole work deadline; a dead holder's lease lapses after about as long.
    tokenWaitMs: tokenLeaseMs,
    // The act on an event is one exchange: api_query_auth and the component token it may need. A claim longer than
    // that would outlast WeChat's few retries of a push whose first delivery died; a shorter one at worst lets a retry
    // act too, which is safe (the exchange is shared, every write conditional).
    eventClaimMs: 2 * inputs.httpTimeoutMs + LEASE_SAFETY_MARGIN_MS,
    messageClaimMs: inputs.replyBudgetMs + MESSAGE_CLAIM_MARGIN_MS,
    refreshClaimMs: Math.min(120_000, Math.max(5_000, inputs.refreshAheadMs / 3)),
    // A push signed up to maxAge ago or ahead (clock skew) must be remembered until it is refused as stale anyway.
    pushMemoryMs: Math.max(inputs.dedupeTtlMs, 2 * inputs.pushMaxAgeMs + PUSH_MEMORY_MARGIN_MS),
  };
}

/** The settings that bound one call: a deadline per attempt and how many retries, how far apart. */
export interface RetryPolicy {
  /** Total deadline of one attempt, in ms. */
  readonly timeoutMs: number;
  /** Retries after a transient failure (idempotent calls only). */
  readonly retries: number;
  /** Base of the exponential backoff, in ms. */
  readonly retryBaseDelayMs: number;
}

/**
 * The longest one call can take, in ms, when every attempt runs to its deadline and every wait is the longest:
 *
 *   callBudgetMs = (retries + 1) × timeoutMs + retryBaseDelayMs × (2^retries − 1)
 *
 * i.e. `retries + 1` attempts of at most `timeoutMs`, plus the waits before retries 1..retries, at most
 * `retryBaseDelayMs × 2^(k−1)` each (a geometric sum). The client also enforces it as the call's overall deadline, so
 * timer slack cannot add up across attempts. Defaults: 3 × 5000 + 200 × 3 = 15,600 ms.
 */
export function callBudgetMs(policy: RetryPolicy): number {
  return (policy.retries + 1) * policy.timeoutMs + policy.retryBaseDelayMs * (2 ** policy.retries - 1);
}
