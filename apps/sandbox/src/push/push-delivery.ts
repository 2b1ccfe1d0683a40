import type { SandboxSettings } from '../state/settings.js';
import type { PushAttempt, PushKind, PushLog, PushRecord } from './push-log.js';

/** One push to make. */
export interface PushRequest {
  kind: PushKind;
  type: string;
  appId?: string;
  url: string;
  body: string;
  /** For the log (credentials already truncated). */
  fields: Record<string, unknown>;
}

/** The verdict on an answer: whether it is what WeChat expects, and why not. */
export interface PushVerdict {
  ok: boolean;
  error?: string;
}

/** A finished push: its record and the full body of the final answer. */
export interface DeliveredPush {
  record: PushRecord;
  /** The full body of the last answer (undefined when no attempt got one). */
  answer?: string;
}

const LOGGED_BODY = 2048;

/**
 * Delivers pushes the way WeChat does: POST, a timeout per attempt (5 s) and up to N attempts (3) while there is
 * no HTTP 200 answer. Records every attempt. `stopSignal` aborts everything when the sandbox stops.
 */
export class PushDelivery {
  constructor(
    private readonly settings: SandboxSettings,
    private readonly clock: () => number,
    private readonly log: PushLog,
    private readonly stopSignal: AbortSignal,
  ) {}

  async deliver(request: PushRequest, judge: (status: number, body: string) => PushVerdict): Promise<DeliveredPush> {
    const record = this.log.add({
      at: this.clock(),
      kind: request.kind,
      type: request.type,
      ...(request.appId === undefined ? {} : { appId: request.appId }),
      url: request.url,
      fields: request.fields,
      attempts: [],
      ok: false,
    });
    let answer: string | undefined;
    for (let n = 0; n < this.settings.pushAttempts && !this.stopSignal.aborted; n++) {
      const attempt = await this.attempt(request);
      record.attempts.push(attempt.attempt);
      if (attempt.body === undefined) continue;
      answer = attempt.body;
      record.status = attempt.attempt.status!;
      record.body = attempt.attempt.body!;
      if (attempt.attempt.status === 200) break;
    }
    if (answer === undefined) {
      record.error = record.attempts.at(-1)?.error ?? 'not sent: the sandbox is stopping';
    } else if (record.status !== 200) {
      record.error = `HTTP ${record.status}`;
    } else {
      const verdict = judge(200, answer);
      record.ok = verdict.ok;
      if (verdict.error !== undefined) record.error = verdict.error;
    }
    return answer === undefined ? { record } : { record, answer };
  }

  private async attempt(request: PushRequest): Promise<{ attempt: PushAttempt; body?: string }> {
    const at = this.clock();
    const started = performance.now();
    const timeoutMs = this.settings.pushTimeoutMs;
    // A timer of our own, held until the attempt ends: a composite of AbortSignal.timeout() holds its source weakly,
    // and a timeout signal collected under memory pressure would never abort (an attempt outliving its timeout).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const stop = (): void => controller.abort();
    this.stopSignal.addEventListener('abort', stop, { once: true });
    if (this.stopSignal.aborted) stop();
    const signal = controller.signal;
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', 'user-agent': 'Mozilla/4.0 (WeChat sandbox)' },
        body: request.body,
        signal,
      });
      const body = await response.text();
      return { attempt: { at, status: response.status, body: body.slice(0, LOGGED_BODY), durationMs: elapsed() }, body };
    } catch (error) {
      const timedOut = signal.aborted && !this.stopSignal.aborted;
      const message = timedOut ? `no answer within ${timeoutMs} ms` : describe(error);
      return { attempt: { at, error: message, durationMs: elapsed() } };
    } finally {
      clearTimeout(timer);
      this.stopSignal.removeEventListener('abort', stop);
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
