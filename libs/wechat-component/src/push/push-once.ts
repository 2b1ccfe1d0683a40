import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { WeChatComponentError } from '../errors/wechat-component.errors.js';
import type { StoreBackend } from '../store/store-backend.js';

type Marker<T> = { readonly state: 'pending'; readonly owner: string } | { readonly state: 'done'; readonly result: T };

const POLL_MS = 50;

/**
 * A retry of a push arrived while its first delivery was still being acted on, and that did not finish before the
 * retry had to answer. The webhook answers 5xx, so WeChat tries again — never `success` for a push not acted on.
 */
export class PushInProgressError extends WeChatComponentError {
  declare readonly code: 'PUSH_IN_PROGRESS';

  constructor() {
    super('PUSH_IN_PROGRESS', 'This push is still being handled by an earlier delivery; WeChat will retry it.');
  }
}

/** How long a delivery holds its claim, and how long a handled push is remembered. */
export interface PushOnceTimings {
  /** A claim outlives the work of one delivery; a holder that died frees the push when it lapses. */
  readonly claimMs: number;
  /** A handled push is remembered this long (longer than the freshness window, so a replay is never acted on). */
  readonly rememberMs: number;
}

/**
 * Acts on each push once across every instance sharing the store, and acknowledges it only once it has been acted
 * on. The first delivery claims a marker (`SET NX`, owned, expiring); once done it records the outcome in the marker
 * for `rememberMs`. A retry finds the marker: the recorded outcome when done; while the first delivery is still
 * working, it waits for it until its own deadline and then fails with {@link PushInProgressError}. A delivery that
 * failed removes its own claim, so WeChat's next retry acts afresh.
 */
export class PushOnce {
  constructor(
    private readonly backend: StoreBackend,
    private readonly timings: PushOnceTimings,
    private readonly now: () => number = Date.now,
  ) {}

  async run<T>(key: string, deadline: number, act: () => Promise<T>): Promise<{ result: T; duplicate: boolean }> {
    const owner = randomUUID();
    for (;;) {
      if (await this.backend.setIfAbsent(key, { state: 'pending', owner } satisfies Marker<T>, this.timings.claimMs)) {
        let result: T;
        try {
          result = await act();
        } catch (error) {
          await this.backend.deleteIfFieldEquals(key, 'owner', owner).catch(() => undefined); // else it lapses
          throw error;
        }
        await this.backend.set(key, { state: 'done', result } satisfies Marker<T>, this.timings.rememberMs);
        return { result, duplicate: false };
      }
      const marker = await this.backend.get<Marker<T>>(key);
      if (marker?.state === 'done') return { result: marker.result, duplicate: true };
      const left = deadline - this.now();
      if (left <= 0) throw new PushInProgressError();
      if (marker) await sleep(Math.min(POLL_MS, left));
    }
  }
}
