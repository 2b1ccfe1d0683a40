/** What to inject into calls of a path. */
export interface FaultInput {
  /** Exact path (`/cgi-bin/component/api_authorizer_token`), or a prefix ending in `*`. */
  path: string;
  /** Answer this errcode (HTTP 200) instead of calling the endpoint. */
  errcode?: number;
  /** errmsg for the errcode (default: WeChat's text). */
  errmsg?: string;
  /**
   * Answer this HTTP status (200..599) instead of calling the endpoint, with `httpBody` — what a gateway in front of
   * WeChat sends when WeChat is down (502, 503, 504).
   */
  httpStatus?: number;
  /** Body of an `httpStatus` answer: `html` (a gateway's error page, the default) or `empty`. */
  httpBody?: 'html' | 'empty';
  /** Delay before answering (or before calling the endpoint). */
  latencyMs?: number;
  /**
   * Send the answer slowly: the headers at once, then the body's bytes in small chunks spread evenly over this many
   * ms (a chunk at least every `trickleMs / bodyLength` ms, about every 50 ms for longer bodies), so an idle timeout
   * never fires while the whole answer takes `trickleMs`.
   */
  trickleMs?: number;
  /**
   * Destroy the connection with a TCP reset: `before` any answer (the endpoint is not called), or `midway` — the
   * endpoint runs, its headers and the first half of its body are sent, then the connection is reset.
   */
  reset?: 'before' | 'midway';
  /** Apply to this many calls, then disappear (default: until cleared). */
  times?: number;
  /** Only calls concerning this account. */
  appId?: string;
}

/** An active fault. */
export interface Fault extends FaultInput {
  id: number;
  /** Calls it has applied to so far. */
  hits: number;
}

/** Raised for a fault that cannot be applied. */
export class InvalidFaultError extends Error {}

const MAX_DELAY_MS = 60_000;
const FIELDS = ['errcode', 'errmsg', 'httpStatus', 'httpBody', 'latencyMs', 'trickleMs', 'reset', 'times', 'appId'] as const;

function isDelay(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_DELAY_MS;
}

/** @throws InvalidFaultError naming the first unusable field. */
function validate(input: FaultInput): void {
  const unknown = Object.keys(input).find((key) => key !== 'path' && !(FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) throw new InvalidFaultError(`unknown field ${unknown}`);
  if (typeof input.path !== 'string' || !input.path.startsWith('/')) throw new InvalidFaultError('path must start with /');
  const effects = [input.errcode, input.httpStatus, input.latencyMs, input.trickleMs, input.reset];
  if (effects.every((effect) => effect === undefined)) {
    throw new InvalidFaultError('give errcode, httpStatus, latencyMs, trickleMs or reset');
  }
  if (input.errcode !== undefined && !Number.isInteger(input.errcode)) throw new InvalidFaultError('errcode must be an integer');
  if (input.errmsg !== undefined && typeof input.errmsg !== 'string') throw new InvalidFaultError('errmsg must be a string');
  if (input.httpStatus !== undefined && !(Number.isInteger(input.httpStatus) && input.httpStatus >= 200 && input.httpStatus <= 599)) {
    throw new InvalidFaultError('httpStatus must be an integer in 200..599');
  }
  if (input.httpBody !== undefined && input.httpBody !== 'html' && input.httpBody !== 'empty') {
    throw new InvalidFaultError("httpBody must be 'html' or 'empty'");
  }
  if (input.httpBody !== undefined && input.httpStatus === undefined) throw new InvalidFaultError('httpBody needs httpStatus');
  if (input.errcode !== undefined && input.httpStatus !== undefined) throw new InvalidFaultError('give errcode or httpStatus, not both');
  if (input.latencyMs !== undefined && !isDelay(input.latencyMs)) throw new InvalidFaultError(`latencyMs must be an integer in 0..${MAX_DELAY_MS}`);
  if (input.trickleMs !== undefined && !(isDelay(input.trickleMs) && input.trickleMs > 0)) {
    throw new InvalidFaultError(`trickleMs must be an integer in 1..${MAX_DELAY_MS}`);
  }
  if (input.reset !== undefined && input.reset !== 'before' && input.reset !== 'midway') throw new InvalidFaultError("reset must be 'before' or 'midway'");
  if (input.reset === 'before' && (input.errcode !== undefined || input.httpStatus !== undefined || input.trickleMs !== undefined)) {
    throw new InvalidFaultError("reset 'before' sends no answer: drop errcode, httpStatus and trickleMs");
  }
  if (input.times !== undefined && !(Number.isInteger(input.times) && input.times > 0)) throw new InvalidFaultError('times must be a positive integer');
  if (input.appId !== undefined && typeof input.appId !== 'string') throw new InvalidFaultError('appId must be a string');
}

/** Faults injected through the control API; matched per call in O(number of faults), which is small. */
export class FaultStore {
  private readonly faults = new Map<number, Fault>();
  private nextId = 0;

  /** @throws InvalidFaultError for an unusable definition. */
  add(input: FaultInput): Fault {
    validate(input);
    const fault: Fault = { id: ++this.nextId, hits: 0, path: input.path };
    for (const key of FIELDS) {
      if (input[key] !== undefined) Object.assign(fault, { [key]: input[key] });
    }
    this.faults.set(fault.id, fault);
    return fault;
  }

  list(): Fault[] {
    return [...this.faults.values()];
  }

  remove(id: number): boolean {
    return this.faults.delete(id);
  }

  clear(): void {
    this.faults.clear();
  }

  /** The first fault for this call, counted as applied (and removed once its `times` are used). */
  take(path: string, appId: string | undefined): Fault | undefined {
    for (const fault of this.faults.values()) {
      const pathMatches = fault.path.endsWith('*') ? path.startsWith(fault.path.slice(0, -1)) : path === fault.path;
      if (!pathMatches || (fault.appId !== undefined && fault.appId !== appId)) continue;
      fault.hits++;
      if (fault.times !== undefined && fault.hits >= fault.times) this.faults.delete(fault.id);
      return fault;
    }
    return undefined;
  }

  get size(): number {
    return this.faults.size;
  }
}
