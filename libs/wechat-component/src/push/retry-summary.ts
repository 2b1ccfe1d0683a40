/** The one logger method a {@link RetrySummary} writes with (Nest's `Logger` has it). */
export interface SummaryLogger {
  log(message: string): void;
}

/** How often a {@link RetrySummary} writes at most: once a minute. */
export const RETRY_SUMMARY_INTERVAL_MS = 60_000;

/**
 * Notes pushes answered as retries of ones already handled — WeChat retries a push whenever an answer is late, so
 * under load there may be one for every push — and writes them to the log at most once per interval: the first at
 * once, those that follow as one line with their count when the interval is over. A line per retry would cost more
 * than answering it (and flood the log exactly when the platform is busiest).
 */
export class RetrySummary {
  private pending = 0;
  private lastLineAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param what the retried pushes, plural, e.g. `retries of handled messages`
   */
  constructor(
    private readonly logger: SummaryLogger,
    private readonly what: string,
    private readonly intervalMs = RETRY_SUMMARY_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes one retry. */
  record(): void {
    this.pending++;
    if (this.timer) return;
    const wait = this.lastLineAt + this.intervalMs - this.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref(); // a summary never keeps the process alive
  }

  /** Writes what was noted since the last line, if anything (also on shutdown). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === 0) return;
    const seconds = Math.round(this.intervalMs / 1000);
    const count = this.pending;
    this.pending = 0;
    this.lastLineAt = this.now();
    this.logger.log(`${count} ${this.what} answered with their first answer (at most one such line every ${seconds} s)`);
  }
}
