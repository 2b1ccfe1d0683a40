import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { settlesWithin } from '../common/deadline.js';
import { errorMessage } from '../common/error-text.js';

const SHUTDOWN_WAIT_MS = 10_000;

/**
 * Work started after WeChat has been answered (the release test's customer-service reply). Failures are logged;
 * on shutdown the module waits a little for running tasks so they are not cut off mid-call.
 */
@Injectable()
export class BackgroundTasks implements OnModuleDestroy {
  private readonly logger = new Logger('WeChatComponentBackground');
  private readonly running = new Set<Promise<void>>();

  /** Starts `work` on the next turn of the event loop, after the current answer is on its way. */
  start(name: string, work: () => Promise<void>): void {
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => {
        this.logger.error(`${name} failed: ${errorMessage(error)}`);
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when every task started so far has finished (or after `timeoutMs`). */
  async idle(timeoutMs = SHUTDOWN_WAIT_MS): Promise<void> {
    await settlesWithin(Promise.all(this.running), timeoutMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.running.size > 0) await this.idle();
  }
}
