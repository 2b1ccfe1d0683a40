import type { StoreBackend } from '../store/store-backend.js';

/**
 * The due entries of an ordered index, handed out one at a time to a pool of workers and claimed from the store a
 * page at a time, just before they are needed: the next page is claimed while the workers are still busy with the
 * last quarter of the current one. Claimed entries are pushed `claimMs` into the future, so no other instance
 * takes them meanwhile, and they come due again by themselves if this instance dies before finishing them.
 */
export class DueClaims {
  private readonly queue: string[] = [];
  private claimed = 0;
  private exhausted = false;
  private claiming: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly backend: StoreBackend,
    private readonly index: string,
    private readonly options: { pageSize: number; max: number; claimMs: number; now?: () => number },
  ) {}

  /** How many entries were claimed so far. */
  get total(): number {
    return this.claimed;
  }

  /** The next due member, or undefined once nothing more is due (or `max` were handed out). */
  async next(): Promise<string | undefined> {
    for (;;) {
      if (this.queue.length <= this.options.pageSize / 4 && !this.exhausted) this.prefetch();
      const member = this.queue.shift();
      if (member !== undefined) return member;
      if (this.exhausted && !this.claiming) {
        if (this.failure !== undefined) throw this.failure;
        return undefined;
      }
      await this.claiming;
    }
  }

  private prefetch(): void {
    this.claiming ??= this.claimPage()
      .catch((error: unknown) => {
        // Reported to the workers once the queue runs dry, never left as an unhandled rejection.
        this.failure ??= error;
        this.exhausted = true;
      })
      .finally(() => (this.claiming = undefined));
  }

  private async claimPage(): Promise<void> {
    const wanted = Math.min(this.options.pageSize, this.options.max - this.claimed);
    if (wanted <= 0) {
      this.exhausted = true;
      return;
    }
    const now = (this.options.now ?? Date.now)();
    const entries = await this.backend.indexClaim(this.index, now, wanted, now + this.options.claimMs);
    this.claimed += entries.length;
    if (entries.length < wanted) this.exhausted = true;
    for (const entry of entries) this.queue.push(entry.member);
  }
}
