import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { CodeTemplateLibrary, ComponentService, WeChatComponentModule, type WeChatComponentModuleOptions } from 'nestjs-wechat-component';
import {
  FleetReleaseService,
  OnFleetEvent,
  WeChatFleetModule,
  type CampaignView,
  type FleetEvent,
  type WeChatFleetModuleOptions,
} from 'nestjs-wechat-component/fleet';
import type { RunningSandbox, SandboxOptions } from '../../apps/sandbox/src/index.js';
import { connect, EventRecorder, sandboxConnection, startTestSandbox, type TestPlatform } from './platform.js';
import { redisCache, REDIS_URL } from './redis.js';
import { waitFor } from './wait-for.js';

/** Records every fleet event this instance emits. */
@Injectable()
export class FleetEventRecorder {
  readonly events: FleetEvent[] = [];

  @OnFleetEvent('*')
  record(event: FleetEvent): void {
    this.events.push(event);
  }
}

/** Options for campaigns that finish in a test's time: short polls, ticks and locks. */
export const FAST_FLEET: Omit<WeChatFleetModuleOptions, 'connection'> = {
  rateLimit: { max: 2000, durationMs: 1000 },
  concurrency: 20,
  auditPollMs: 400,
  auditPollMaxMs: 1000,
  quotaRecheckMs: 200,
  quotaRefreshMs: 60_000,
  waitRecheckMs: 500,
  tickMs: 100,
  reconcileMs: 2000,
  lockDurationMs: 3000,
  stalledIntervalMs: 1000,
  attempts: 4,
  backoffMs: 50,
};

/** A platform instance running the fleet module. */
export interface FleetInstance {
  readonly platform: TestPlatform;
  readonly fleet: FleetReleaseService;
  readonly events: FleetEventRecorder;
}

/**
 * A sandbox, a code template, authorized mini programs and platform instances with the fleet module, all on one
 * Redis key space of their own (deleted at the end, never flushed).
 */
export class FleetWorld {
  readonly prefix = `test-fleet-${randomUUID()}`;
  readonly instances: FleetInstance[] = [];
  appIds: string[] = [];
  templateId = -1;
  private readonly closers: Array<() => Promise<void>> = [];

  private constructor(readonly sandbox: RunningSandbox) {}

  /** Starts the sandbox (audits decided after `auditSeconds`, quota `auditQuota`). */
  static async start(options: { sandbox?: SandboxOptions; auditQuota?: number } = {}): Promise<FleetWorld> {
    const sandbox = await startTestSandbox({ auditSeconds: 0.05, ...options.sandbox });
    const world = new FleetWorld(sandbox);
    await sandbox.client.setAuditQuota({ limit: options.auditQuota ?? 100_000, rest: options.auditQuota ?? 100_000 });
    return world;
  }

  /** Fleet options pointing at the world's Redis key space. */
  fleetOptions(overrides: Partial<WeChatFleetModuleOptions> = {}): WeChatFleetModuleOptions {
    return { connection: { url: REDIS_URL }, prefix: `${this.prefix}:fleet`, ...FAST_FLEET, ...overrides };
  }

  /** Starts one more platform instance with the fleet module; the first one receives the sandbox's pushes. */
  async startInstance(fleet: Partial<WeChatFleetModuleOptions> = {}, wechat: Partial<WeChatComponentModuleOptions> = {}): Promise<FleetInstance> {
    const store = await redisCache();
    this.closers.push(() => store.close());
    const started = await startFleetPlatform({
      wechat: { ...sandboxConnection(this.sandbox), store: store.cache, keyPrefix: `${this.prefix}:wechat`, ...wechat },
      fleet: this.fleetOptions(fleet),
    });
    if (this.instances.length === 0) await connect(this.sandbox, started);
    const instance = { platform: started, fleet: started.get(FleetReleaseService), events: started.get(FleetEventRecorder) };
    this.instances.push(instance);
    return instance;
  }

  /**
   * Creates `count` mini programs, authorizes them through the first instance (api_query_auth), uploads a draft
   * whose code uses no privacy-protected API and adds it to the template library.
   */
  async prepare(count: number, draft: { userVersion?: string; privacyKeys?: string[] } = {}): Promise<void> {
    const platform = this.instances[0]!.platform;
    const { accounts } = await this.sandbox.client.createAccounts({ count, type: 'mini_program' });
    const component = platform.get(ComponentService);
    for (let i = 0; i < accounts.length; i += 20) {
      await Promise.all(
        accounts.slice(i, i + 20).map(async (account) => component.queryAuth((await this.sandbox.client.authorize(account.appId, { push: false })).authorizationCode)),
      );
    }
    this.appIds = accounts.map((account) => account.appId);
    this.templateId = await this.addTemplate(draft);
  }

  /** Uploads a draft and adds it to the library; returns the template id. */
  async addTemplate(draft: { userVersion?: string; privacyKeys?: string[] } = {}): Promise<number> {
    const library = this.instances[0]!.platform.get(CodeTemplateLibrary);
    const { draftId } = await this.sandbox.client.uploadCodeDraft({ userVersion: draft.userVersion ?? '2.0.0', privacyKeys: draft.privacyKeys ?? [] });
    await library.addToTemplate(draftId);
    return (await library.getTemplateList()).find((template) => template.draft_id === draftId)!.template_id;
  }

  /** Waits until the campaign's status is one of `statuses` (default completed), reading it from `instance`. */
  async until(id: string, check: (campaign: CampaignView) => boolean, what: string, timeoutMs = 20_000, instance = this.instances[0]!): Promise<CampaignView> {
    return waitFor(async () => {
      const campaign = await instance.fleet.getCampaign(id);
      return campaign && check(campaign) ? campaign : undefined;
    }, what, timeoutMs);
  }

  /** Runs `close` at the end (before the key space is deleted). */
  onClose(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  async close(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.platform.close().catch(() => undefined)));
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
    await deleteKeys(`${this.prefix}:*`);
    await this.sandbox.stop();
  }
}

/** Deletes the keys matching `pattern` (SCAN, never FLUSH). */
export async function deleteKeys(pattern: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** A platform instance: the component module (on the sandbox) and the fleet module, a real Nest app over HTTP. */
export async function startFleetPlatform(options: { wechat: WeChatComponentModuleOptions; fleet: WeChatFleetModuleOptions }): Promise<TestPlatform> {
  @Module({
    imports: [
      WeChatComponentModule.forRoot({ refresh: false, ...options.wechat }),
      WeChatFleetModule.forRoot(options.fleet),
    ],
    providers: [EventRecorder, FleetEventRecorder],
  })
  class FleetPlatformModule {}

  const app = await NestFactory.create(FleetPlatformModule, { logger: ['error'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  return {
    app,
    url,
    eventsUrl: `${url}/wechat/component/events`,
    messagesUrl: `${url}/wechat/component/messages/$APPID$`,
    recorder: app.get(EventRecorder),
    get: (token) => app.get(token),
    close: () => app.close(),
  };
}
