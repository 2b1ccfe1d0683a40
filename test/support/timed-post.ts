/** WeChat gives up on a push after this long and retries it. */
export const WECHAT_PUSH_TIMEOUT_MS = 5_000;

/** How a push was answered: status 0 when no answer came before the client gave up (`answered: false`). */
export interface TimedAnswer {
  readonly status: number;
  readonly text: string;
  readonly answered: boolean;
  /** From sending to the whole answer, in ms (a figure to report, never to assert on). */
  readonly ms: number;
}

/**
 * POSTs an XML push to `url` as WeChat does: it waits at most `timeoutMs` (WeChat's 5 s) for the answer, then gives
 * up. Never throws for a missing answer; says so in `answered`.
 */
export async function postAsWeChat(url: string, query: URLSearchParams, body: string, timeoutMs = WECHAT_PUSH_TIMEOUT_MS): Promise<TimedAnswer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, text, answered: true, ms: performance.now() - started };
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError' && (error as Error).name !== 'AbortError') {
      return { status: 0, text: String((error as Error).message), answered: false, ms: performance.now() - started };
    }
    return { status: 0, text: `no answer within ${timeoutMs} ms`, answered: false, ms: performance.now() - started };
  }
}

/** Runs `work` and how long it took, in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}
