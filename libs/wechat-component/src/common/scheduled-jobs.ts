import { Injectable, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

/**
 * The module's cron jobs (the scheduled refresh, the reconciliation). When the application imported
 * `ScheduleModule.forRoot()` they are added to its `SchedulerRegistry` (visible and stoppable there, by name);
 * otherwise they are kept here. The module never imports `ScheduleModule.forRoot()` itself: a second one in the app
 * would run every `@Cron` method of the application twice.
 */
@Injectable()
export class ScheduledJobs {
  private readonly own = new Map<string, CronJob>();
  private readonly names = new Set<string>();

  constructor(@Optional() private readonly registry?: SchedulerRegistry) {}

  /** Starts `onTick` on `cronTime` under `name` (replacing nothing: a name is started once). */
  start(name: string, cronTime: string, onTick: () => void): void {
    const job = CronJob.from({ cronTime, onTick, start: false });
    if (this.registry) this.registry.addCronJob(name, job);
    else this.own.set(name, job);
    job.start();
    this.names.add(name);
  }

  /** The names of the module's jobs running now (in the application's registry or here). */
  runningJobs(): string[] {
    return [...this.names];
  }

  /** Stops the job `name` and forgets it; nothing when it is not running. */
  async stop(name: string): Promise<void> {
    this.names.delete(name);
    let job: CronJob | undefined;
    if (this.registry) {
      if (!this.registry.doesExist('cron', name)) return;
      job = this.registry.getCronJob(name);
      this.registry.deleteCronJob(name);
    } else {
      job = this.own.get(name);
      this.own.delete(name);
    }
    await job?.stop();
  }
}
