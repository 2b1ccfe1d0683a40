import { Injectable } from '@nestjs/common';
import {
  AuthorizerClientFactory,
  isAuthorizationEvent,
  OnAuthorizerMessage,
  WeChatApiError,
  type AuthorizerClient,
  type AuthorizerEvent,
  type OtherAuthorizerMessage,
} from 'nestjs-wechat-component';
import type { AccountType, RunningSandbox, SandboxOptions } from '../../apps/sandbox/src/index.js';
import { waitForItem } from './wait-for.js';
import { connect, startPlatform, startTestSandbox, type PlatformOverrides, type TestPlatform } from './platform.js';

/** Records the events pushed to the message URL (audit results …). */
@Injectable()
export class AuthorizerEventRecorder {
  readonly events: Array<AuthorizerEvent | OtherAuthorizerMessage> = [];

  @OnAuthorizerMessage({ type: 'event' })
  record(event: AuthorizerEvent | OtherAuthorizerMessage): void {
    this.events.push(event);
  }

  waitFor(predicate: (event: AuthorizerEvent | OtherAuthorizerMessage) => boolean, timeoutMs = 5000): Promise<AuthorizerEvent | OtherAuthorizerMessage> {
    return waitForItem(this.events, predicate, 'authorizer event', timeoutMs);
  }
}

/** A platform on the sandbox with authorized accounts, for exercising the authorizer API groups. */
export interface ApiWorld {
  sandbox: RunningSandbox;
  platform: TestPlatform;
  events: AuthorizerEventRecorder;
  /** Creates and authorizes an account (push → the platform exchanges the code), returns its client. */
  authorized(type: AccountType, funcIds?: number[]): Promise<AuthorizerClient>;
  stop(): Promise<void>;
}

/** Starts a sandbox and a platform connected to it (ticket stored). */
export async function startApiWorld(options: { sandbox?: SandboxOptions; platform?: PlatformOverrides } = {}): Promise<ApiWorld> {
  const sandbox = await startTestSandbox({ auditSeconds: 0, ...options.sandbox });
  const platform = await startPlatform(sandbox, { ...options.platform, providers: [AuthorizerEventRecorder, ...(options.platform?.providers ?? [])] });
  await connect(sandbox, platform);
  const factory = platform.get(AuthorizerClientFactory);
  return {
    sandbox,
    platform,
    events: platform.get(AuthorizerEventRecorder),
    async authorized(type, funcIds) {
      const { appId } = await sandbox.client.createAccount({ type });
      await sandbox.client.authorize(appId, funcIds ? { funcIds } : {});
      await platform.recorder.waitFor((event) => isAuthorizationEvent(event) && event.authorizerAppId === appId);
      return factory.getClient(appId);
    },
    async stop() {
      await platform.close();
      await sandbox.stop();
    },
  };
}

/** The errcode of a rejected WeChat call (fails the test when the call succeeds or fails otherwise). */
export async function errcodeOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WeChatApiError) return error.errcode;
    throw error;
  }
  throw new Error('the call succeeded');
}

/** An API world with one authorized official account and its three simulated followers' openids. */
export async function startWithOfficialAccount(): Promise<{ world: ApiWorld; oa: AuthorizerClient; openIds: string[] }> {
  const world = await startApiWorld();
  const oa = await world.authorized('official_account');
  return { world, oa, openIds: (await oa.user.getFollowers()).data!.openid };
}
