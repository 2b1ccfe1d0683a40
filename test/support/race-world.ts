import { setTimeout as sleep } from 'node:timers/promises';
import { AuthorizerClientFactory, ComponentService, type AuthorizerRecord } from 'nestjs-wechat-component';
import type { RunningSandbox, SandboxOptions } from '../../apps/sandbox/src/index.js';
import { connect, startTestSandbox, type PlatformOverrides, type TestPlatform } from './platform.js';
import { InstanceGroup } from './scale.js';

/** The component endpoints the fault suite injects faults into and counts. */
export const PATHS = {
  authorizerToken: '/cgi-bin/component/api_authorizer_token',
  componentToken: '/cgi-bin/component/api_component_token',
  queryAuth: '/cgi-bin/component/api_query_auth',
  authorizerInfo: '/cgi-bin/component/api_get_authorizer_info',
  authorizerList: '/cgi-bin/component/api_get_authorizer_list',
  startPushTicket: '/cgi-bin/component/api_start_push_ticket',
} as const;

interface RawRedis {
  get(key: string): Promise<string | null>;
  mGet(keys: string[]): Promise<Array<string | null>>;
  zScore(key: string, member: string): Promise<number | null>;
}

/**
 * Two platform instances (A and B, real Nest apps over HTTP) on one Redis key space, against one sandbox; WeChat's
 * pushes go to A unless a test points them elsewhere. Reconciliation and the scheduled refresh are off unless asked
 * for: each scenario drives them itself.
 */
export class RaceWorld {
  private constructor(
    readonly sandbox: RunningSandbox,
    readonly group: InstanceGroup,
    readonly a: TestPlatform,
    readonly b: TestPlatform,
  ) {}

  /** @param options.connect false: the sandbox pushes nothing (no ticket either) until a test points it at A. */
  static async start(options: { sandbox?: SandboxOptions; platform?: PlatformOverrides; connect?: boolean } = {}): Promise<RaceWorld> {
    const sandbox = await startTestSandbox(options.sandbox);
    const group = new InstanceGroup(sandbox);
    const overrides: PlatformOverrides = { reconcile: false, ...options.platform };
    const a = await group.start(overrides);
    const b = await group.start(overrides);
    if (options.connect !== false) await connect(sandbox, a);
    return new RaceWorld(sandbox, group, a, b);
  }

  async stop(): Promise<void> {
    await this.group.close();
    await this.sandbox.stop();
  }

  component(platform: TestPlatform): ComponentService {
    return platform.get(ComponentService);
  }

  /** One authorizer API call through `platform` (any authorized account may make it). */
  async call(platform: TestPlatform, appId: string): Promise<string[]> {
    return (await platform.get(AuthorizerClientFactory).getClient(appId)).misc.getWechatIps();
  }

  /** The record the platforms share. */
  record(appId: string): Promise<AuthorizerRecord | undefined> {
    return this.component(this.b).getAuthorizer(appId);
  }

  /** The refresh token WeChat accepts for the account now (undefined when it does not authorize the platform). */
  wechatRefreshToken(appId: string): string | undefined {
    const account = this.sandbox.sandbox.accounts.get(appId);
    return account?.status === 'authorized' ? account.refreshToken : undefined;
  }

  /** The newest access token WeChat issued the account. */
  wechatAccessToken(appId: string): string | undefined {
    return this.sandbox.sandbox.tokens.current(appId)?.token;
  }

  /** How many access tokens WeChat has issued the account so far (api_query_auth and api_authorizer_token). */
  tokensIssued(appId: string): number {
    return this.sandbox.sandbox.tokens.issuedCount(appId);
  }

  /** The access token the platforms store for the account. */
  async storedAccessToken(appId: string): Promise<string | undefined> {
    const raw = await this.redis.get(`${this.group.keyPrefix}:${this.sandbox.componentAppId}:token:authorizer:${appId}`);
    return raw === null ? undefined : (JSON.parse(raw) as { token: string }).token;
  }

  /** The refresh tokens the platforms store, read straight from Redis in one round trip (to watch them change). */
  async storedRefreshTokens(appIds: readonly string[]): Promise<Map<string, string | undefined>> {
    const raw = await this.redis.mGet(appIds.map((appId) => `${this.group.keyPrefix}:${this.sandbox.componentAppId}:authorizer:${appId}`));
    return new Map(appIds.map((appId, i) => [appId, raw[i] ? (JSON.parse(raw[i]!) as { refreshToken?: string }).refreshToken : undefined]));
  }

  /**
   * Starts noting, per account, every refresh token WeChat issues from now on, in order (the sandbox rotates them in
   * api_authorizer_token): with it, a stored token can be told to be older or newer than another.
   */
  noteRefreshTokenOrder(appIds: readonly string[]): Map<string, string[]> {
    const order = new Map(appIds.map((appId) => [appId, [this.wechatRefreshToken(appId)!]]));
    const authorizations = this.sandbox.sandbox.authorizations;
    const refresh = authorizations.refresh.bind(authorizations);
    authorizations.refresh = (appId, refreshToken) => {
      const result = refresh(appId, refreshToken);
      const issued = order.get(result.account.appId);
      if (issued && issued.at(-1) !== result.refreshToken) issued.push(result.refreshToken);
      return result;
    };
    return order;
  }

  /** Whether the scheduled refresh would refresh the account (it has an entry in the due index). */
  async isScheduled(appId: string): Promise<boolean> {
    return (await this.redis.zScore(this.group.dueIndexKey(this.sandbox.componentAppId), appId)) !== null;
  }

  /** Resolves once the sandbox has taken fault `id` `hits` times (a fault used up is no longer listed). */
  async faultTaken(id: number, hits = 1): Promise<void> {
    for (;;) {
      const fault = (await this.sandbox.client.listFaults()).find((candidate) => candidate.id === id);
      if (!fault || fault.hits >= hits) return;
      await sleep(10);
    }
  }

  /** Resolves once WeChat's refresh token of the account is no longer `previous` (a rotation took place). */
  async rotatedFrom(appId: string, previous: string | undefined): Promise<void> {
    while (this.wechatRefreshToken(appId) === previous) await sleep(5);
  }

  private get redis(): RawRedis {
    return this.group.redis as unknown as RawRedis;
  }
}

/** `promise` settled, and a probe of whether it has settled yet (to check the order of events). */
export function tracked<T>(promise: Promise<T>): { settled: () => boolean; outcome: Promise<PromiseSettledResult<T>> } {
  let done = false;
  const outcome = Promise.allSettled([promise]).then(([result]) => {
    done = true;
    return result!;
  });
  return { settled: () => done, outcome };
}
