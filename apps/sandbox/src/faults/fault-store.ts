/** What to inject into calls of a path. */
export interface FaultInput {
  /** Exact path (`/cgi-bin/component/api_authorizer_token`), or a prefix ending in `*`. */
  path: string;
  /** Answer this errcode instead of calling the endpoint. */
  errcode?: number;
  /** errmsg for the errcode (default: WeChat's text). */
  errmsg?: string;
  /** Delay before answering (or before calling the endpoint). */
  latencyMs?: number;
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

/** Faults injected through the control API; matched per call in O(number of faults), which is small. */
export class FaultStore {
  private readonly faults = new Map<number, Fault>();
  private nextId = 0;

  /** @throws InvalidFaultError for an unusable definition. */
  add(input: FaultInput): Fault {
    if (typeof input.path !== 'string' || !input.path.startsWith('/')) throw new InvalidFaultError('path must start with /');
    if (input.errcode === undefined && input.latencyMs === undefined) throw new InvalidFaultError('give errcode, latencyMs or both');
    if (input.errcode !== undefined && !Number.isInteger(input.errcode)) throw new InvalidFaultError('errcode must be an integer');
    if (input.latencyMs !== undefined && !(Number.isInteger(input.latencyMs) && input.latencyMs >= 0 && input.latencyMs <= 60_000)) {
      throw new InvalidFaultError('latencyMs must be an integer in 0..60000');
    }
    if (input.times !== undefined && !(Number.isInteger(input.times) && input.times > 0)) throw new InvalidFaultError('times must be a positive integer');
    if (input.errmsg !== undefined && typeof input.errmsg !== 'string') throw new InvalidFaultError('errmsg must be a string');
    if (input.appId !== undefined && typeof input.appId !== 'string') throw new InvalidFaultError('appId must be a string');
    const fault: Fault = { id: ++this.nextId, hits: 0, path: input.path };
    for (const key of ['errcode', 'errmsg', 'latencyMs', 'times', 'appId'] as const) {
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
