import { Injectable } from '@nestjs/common';
import { Cron, ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { ScheduledJobs } from '../libs/wechat-component/src/common/scheduled-jobs.js';
import { startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';

/** An application's own cron job, to see that the module leaves the app's scheduling alone. */
@Injectable()
class AppJobs {
  @Cron('0 0 3 * * *', { name: 'app-nightly' })
  nightly(): void {}
}

const REFRESH = { cron: '*/10 * * * * *' };
const RECONCILE = { cron: '0 0 4 * * *', whenEmptyAtStartup: false };

describe('the module’s scheduled jobs', () => {
  let sandbox: RunningSandbox;
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.close();
    platform = undefined;
    await sandbox?.stop();
  });

  it('run without ScheduleModule.forRoot() in the application (the module does not import it)', async () => {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox, { refresh: REFRESH, reconcile: RECONCILE });
    // No SchedulerRegistry anywhere: the module imported no ScheduleModule of its own.
    expect(() => platform!.get(SchedulerRegistry)).toThrow();
    const jobs = platform.get(ScheduledJobs);
    expect(jobs.runningJobs().sort()).toEqual(
      [`wechat-component:${sandbox.componentAppId}:reconcile`, `wechat-component:${sandbox.componentAppId}:token-refresh`].sort(),
    );
    await platform.close();
    platform = undefined;
    expect(jobs.runningJobs()).toEqual([]);
  });

  it('join the application’s SchedulerRegistry when it has one, beside its own jobs', async () => {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox, {
      refresh: REFRESH,
      reconcile: RECONCILE,
      imports: [ScheduleModule.forRoot()],
      providers: [AppJobs],
    });
    const registry = platform.get(SchedulerRegistry);
    const names = [...registry.getCronJobs().keys()].sort();
    expect(names).toEqual(
      ['app-nightly', `wechat-component:${sandbox.componentAppId}:reconcile`, `wechat-component:${sandbox.componentAppId}:token-refresh`].sort(),
    );
    expect(registry.getCronJob('app-nightly').isActive).toBe(true);
  });
});
