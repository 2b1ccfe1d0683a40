import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { errorMessage } from '../common/error-text.js';
import { AuthorizerClientFactory } from '../authorizer/authorizer-client.factory.js';
import { CodeTemplateLibrary } from '../component/code-template-library.js';
import { ComponentService } from '../component/component.service.js';
import { AppSteps } from './app-steps.js';
import { CampaignSupervisor } from './campaign-supervisor.js';
import { FleetEventDispatcher } from './fleet-event.dispatcher.js';
import { FleetJobs } from './fleet-jobs.js';
import { FleetStepRunner } from './fleet-step-runner.js';
import { FleetStore } from './fleet-store.js';
import { getPlatformToken } from '../options/named-platforms.js';
import { FLEET_QUEUE, type ResolvedFleetOptions } from './fleet.options.js';
import { FLEET_OPTIONS } from './fleet.tokens.js';

/** A Redis command that gets no answer within this fails (the step is retried), instead of hanging. */
const COMMAND_TIMEOUT_MS = 5000;

/**
 * The fleet's parts, assembled once: its own Redis connection (for the campaigns), the BullMQ queue, the store, the
 * steps, the supervisor and the runner. The WeChat side (`AuthorizerClientFactory`, `CodeTemplateLibrary`,
 * `ComponentService`) comes from `WeChatComponentModule`, wherever the application imported it.
 */
@Injectable()
export class FleetContext implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('WeChatFleet');
  readonly redis: Redis;
  readonly store: FleetStore;
  readonly jobs: FleetJobs;
  clients!: AuthorizerClientFactory;
  templates!: CodeTemplateLibrary;
  component!: ComponentService;
  supervisor!: CampaignSupervisor;
  runner!: FleetStepRunner;

  constructor(
    @Inject(FLEET_OPTIONS) readonly options: ResolvedFleetOptions,
    @Inject(getQueueToken(FLEET_QUEUE)) queue: Queue,
    readonly events: FleetEventDispatcher,
    private readonly moduleRef: ModuleRef,
  ) {
    const { url, ...rest } = options.connection;
    const redisOptions = { ...rest, lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS };
    this.redis = url ? new Redis(url, redisOptions) : new Redis(redisOptions);
    // A Redis outage must not end the process: commands fail (and steps are retried) until it is back.
    this.redis.on('error', (error: Error) => this.logger.warn(`Redis: ${errorMessage(error)}`));
    this.store = new FleetStore(this.redis, options.prefix);
    this.jobs = new FleetJobs(queue, options);
  }

  async onModuleInit(): Promise<void> {
    const platform = this.options.platform;
    const find = <T>(token: Type<T>): T => {
      try {
        return this.moduleRef.get<T>(getPlatformToken(token, platform), { strict: false });
      } catch {
        const registration = platform === undefined ? 'WeChatComponentModule' : `WeChatComponentModule.forRoot({ name: '${platform}' })`;
        throw new Error(`WeChatFleetModule needs ${registration} in the application (${token.name} was not found)`);
      }
    };
    this.clients = find(AuthorizerClientFactory);
    this.templates = find(CodeTemplateLibrary);
    this.component = find(ComponentService);
    const steps = new AppSteps(this.clients, this.store, this.options);
    this.supervisor = new CampaignSupervisor(this.store, this.jobs, this.clients, this.options);
    this.runner = new FleetStepRunner(this.store, steps, this.jobs, this.supervisor, this.events, this.options);
    await this.redis.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
