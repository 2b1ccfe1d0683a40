import { Logger, type Provider } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CLOCK, type Clock, systemClock } from '../common/clock.js';
import { AppSteps } from './app-steps.js';
import { AuditPushHandler } from './audit-push.handler.js';
import { CampaignSupervisor } from './campaign-supervisor.js';
import { FleetEventDispatcher } from './fleet-event.dispatcher.js';
import { FleetEventExplorer } from './fleet-event.explorer.js';
import { FleetJobs } from './fleet-jobs.js';
import { FleetRedisLifecycle } from './fleet-redis.lifecycle.js';
import { FleetReleaseService } from './fleet-release.service.js';
import { FleetStepRunner } from './fleet-step-runner.js';
import { FleetStore } from './fleet-store.js';
import { FleetWeChat } from './fleet-wechat.js';
import { FleetWorker } from './fleet-worker.js';
import { FLEET_QUEUE, type ResolvedFleetOptions } from './fleet.options.js';
import { FLEET_OPTIONS, FLEET_REDIS } from './fleet.tokens.js';
import { errorMessage } from '../common/error-text.js';

/** A Redis command that gets no answer within this fails (the step is retried), instead of hanging. */
const COMMAND_TIMEOUT_MS = 5000;

/** The fleet's own Redis connection for the campaigns, opened by {@link FleetRedisLifecycle}. */
function createFleetRedis(options: ResolvedFleetOptions): Redis {
  const { url, ...rest } = options.connection;
  const redisOptions = { ...rest, lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS };
  const redis = url ? new Redis(url, redisOptions) : new Redis(redisOptions);
  // A Redis outage must not end the process: commands fail (and steps are retried) until it is back.
  const logger = new Logger('WeChatFleet');
  redis.on('error', (error: Error) => logger.warn(`Redis: ${errorMessage(error)}`));
  return redis;
}

/**
 * Every provider of `WeChatFleetModule` (the options and the BullMQ queue come from its imports): the Redis
 * connection and the campaign store, the jobs on the queue, the steps, the supervisor and the runner the worker
 * drives, and the WeChat services of the application's `WeChatComponentModule` ({@link FleetWeChat}).
 */
export const fleetProviders: Provider[] = [
  // WeChatComponentModule provides its clock only inside itself.
  { provide: CLOCK, useValue: systemClock },
  { provide: FLEET_REDIS, useFactory: createFleetRedis, inject: [FLEET_OPTIONS] },
  FleetRedisLifecycle,
  {
    provide: FleetStore,
    useFactory: (redis: Redis, options: ResolvedFleetOptions) => new FleetStore(redis, options.prefix),
    inject: [FLEET_REDIS, FLEET_OPTIONS],
  },
  {
    provide: FleetJobs,
    useFactory: (queue: Queue, options: ResolvedFleetOptions) => new FleetJobs(queue, options),
    inject: [getQueueToken(FLEET_QUEUE), FLEET_OPTIONS],
  },
  FleetWeChat,
  {
    provide: AppSteps,
    useFactory: (wechat: FleetWeChat, store: FleetStore, options: ResolvedFleetOptions, clock: Clock) => new AppSteps(wechat, store, options, clock),
    inject: [FleetWeChat, FleetStore, FLEET_OPTIONS, CLOCK],
  },
  {
    provide: CampaignSupervisor,
    useFactory: (store: FleetStore, jobs: FleetJobs, wechat: FleetWeChat, options: ResolvedFleetOptions, clock: Clock) =>
      new CampaignSupervisor(store, jobs, wechat, options, clock),
    inject: [FleetStore, FleetJobs, FleetWeChat, FLEET_OPTIONS, CLOCK],
  },
  {
    provide: FleetStepRunner,
    useFactory: (
      store: FleetStore,
      steps: AppSteps,
      jobs: FleetJobs,
      supervisor: CampaignSupervisor,
      events: FleetEventDispatcher,
      options: ResolvedFleetOptions,
      clock: Clock,
    ) => new FleetStepRunner(store, steps, jobs, supervisor, events, options, clock),
    inject: [FleetStore, AppSteps, FleetJobs, CampaignSupervisor, FleetEventDispatcher, FLEET_OPTIONS, CLOCK],
  },
  FleetEventDispatcher,
  FleetEventExplorer,
  FleetWorker,
  FleetReleaseService,
  AuditPushHandler,
];
