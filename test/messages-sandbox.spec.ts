import 'reflect-metadata';
import { type DynamicModule, Injectable, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentService, OnAuthorizerMessage, type TextMessage, WeChatComponentModule } from 'nestjs-wechat-component';
import { RELEASE_TEST_GROUPS, type RunningSandbox, startSandbox } from '../apps/sandbox/src/index.js';
import { sandboxConnection } from './support/platform.js';
import { waitUntil } from './support/wait-for.js';

// The platform against the sandbox: WeChat's side pushes, retries, opens the replies and runs the release test.
const BUDGET_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Injectable()
class Handlers {
  runs = { echo: 0, retry: 0, slow: 0, slowFinished: 0 };

  @OnAuthorizerMessage({ type: 'text' })
  echo(message: TextMessage): string | undefined {
    this.runs.echo++;
    return message.content.startsWith('slow') ? undefined : message.content;
  }

  @OnAuthorizerMessage({ content: /^retry/ })
  async retry(message: TextMessage): Promise<string> {
    this.runs.retry++;
    await sleep(350); // outlives the sandbox's attempt (200 ms in that test): WeChat retries while it works
    return `${message.content}: handled once`;
  }

  /** Lets the slow handler finish: it runs until then, however long past the reply budget the test takes. */
  finishSlow = () => {};
  private readonly slowMayFinish = new Promise<void>((resolve) => (this.finishSlow = resolve));

  @OnAuthorizerMessage({ content: /^slow/ })
  async slow(): Promise<string> {
    this.runs.slow++;
    await this.slowMayFinish;
    this.runs.slowFinished++;
    return 'too late';
  }
}

@Module({})
class Platform {
  static for(sandbox: RunningSandbox): DynamicModule {
    return {
      module: Platform,
      imports: [
        WeChatComponentModule.forRoot({
          ...sandboxConnection(sandbox),
          refresh: false,
          messages: { replyBudgetMs: BUDGET_MS },
        }),
      ],
      providers: [Handlers],
    };
  }
}

describe('messages against the sandbox', () => {
  let sandbox: RunningSandbox;
  let app: INestApplication;
  let handlers: Handlers;
  let account: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ ticketIntervalSeconds: 0 });
    app = await NestFactory.create(Platform.for(sandbox), { logger: false });
    await app.listen(0, '127.0.0.1');
    const base = `${await app.getUrl()}/wechat/component`;
    sandbox.setPushTargets({ eventUrl: `${base}/events`, messageUrl: `${base}/messages/$APPID$` });
    const component = app.get(ComponentService);
    await waitUntil(async () => (await component.getHealth()).ticket, 'the first ticket');
    const seeded = await sandbox.client.listAccounts({ type: 'official_account' });
    account = seeded.items.find((item) => item.testGroup === undefined)!.appId;
    await sandbox.client.authorize(account);
    await waitUntil(async () => (await component.getAuthorizer(account))?.status === 'authorized', 'the authorization');
    handlers = app.get(Handlers);
  });
  afterAll(async () => {
    await sandbox?.stop();
    await app?.close();
  });

  it('answers a text message with an encrypted passive reply the sandbox opens and accepts', async () => {
    const delivery = await sandbox.client.sendMessage(account, { type: 'text', content: '你好, sandbox <&>' });
    expect(delivery.push.ok).toBe(true);
    expect(delivery.push.attempts).toHaveLength(1);
    expect(delivery.reply).toMatchObject({ kind: 'reply', problems: [] });
    const reply = delivery.reply as Extract<typeof delivery.reply, { kind: 'reply' }>;
    expect(reply.fields).toMatchObject({ MsgType: 'text', Content: '你好, sandbox <&>', ToUserName: delivery.openid });
  });

  it('runs the handlers of a message WeChat retries once, and the retry gets that answer', async () => {
    // WeChat gives up on an attempt after 200 ms here, so the handler (350 ms) outlives the first attempt.
    await sandbox.client.updateSettings({ pushTimeoutMs: 200 });
    try {
      const before = { ...handlers.runs };
      const delivery = await sandbox.client.sendMessage(account, { type: 'text', content: 'retry me' });
      expect(delivery.push.attempts.length).toBeGreaterThanOrEqual(2);
      expect(delivery.push.attempts[0]?.error).toBeDefined();
      expect(delivery.reply).toMatchObject({ kind: 'reply', problems: [], fields: { Content: 'retry me: handled once' } });
      expect(handlers.runs.retry - before.retry).toBe(1);
      expect(handlers.runs.echo - before.echo).toBe(1);
    } finally {
      await sandbox.client.updateSettings({ pushTimeoutMs: 5000 });
    }
  });

  it('answers success in time for a slow handler, which keeps running', async () => {
    const started = Date.now();
    const delivery = await sandbox.client.sendMessage(account, { type: 'text', content: 'slow one' });
    expect(Date.now() - started).toBeLessThan(BUDGET_MS + 1000);
    expect(delivery.reply.kind).toBe('success');
    expect(delivery.push.attempts).toHaveLength(1);
    expect(handlers.runs.slowFinished).toBe(handlers.runs.slow - 1);
    handlers.finishSlow();
    await waitUntil(async () => handlers.runs.slowFinished === handlers.runs.slow, 'the slow handler to finish');
  });

  it('refuses pushes from a platform with another AppID (foreign) or another token (forged) with a 4xx', async () => {
    const before = { ...handlers.runs };
    const cases = [
      { componentAppId: 'wx00000000000f0e1a', token: sandbox.token, status: 403 },
      { componentAppId: sandbox.componentAppId, token: 'someoneelsestoken', status: 401 },
    ];
    for (const { componentAppId, token, status } of cases) {
      const other = await startSandbox({ componentAppId, token, encodingAESKey: sandbox.encodingAESKey, ticketIntervalSeconds: 0, pushAttempts: 1 });
      try {
        other.setPushTargets({ messageUrl: (await sandbox.client.getSettings()).messageUrl! });
        const seeded = await other.client.listAccounts({ type: 'official_account' });
        const appId = seeded.items.find((item) => item.testGroup === undefined)!.appId;
        await other.client.authorize(appId, { push: false });
        const delivery = await other.client.sendMessage(appId, { type: 'text', content: 'from elsewhere' });
        expect(delivery.push.ok).toBe(false);
        expect(delivery.push.attempts.map((a) => a.status)).toEqual([status]);
      } finally {
        await other.stop();
      }
    }
    expect(handlers.runs).toEqual(before);
  });

  it('passes the full-network-release test, every case, with each group of test accounts', async () => {
    for (const { group } of RELEASE_TEST_GROUPS) {
      const report = await sandbox.client.runReleaseTest({ group });
      const failed = report.cases.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`);
      expect(failed, `group ${group}`).toEqual([]);
      expect(report.passed).toBe(true);
      expect(report.cases.map((c) => c.name)).toEqual(
        expect.arrayContaining(['text_passive_reply', 'query_auth_code_api_reply', 'event_passive_reply', 'mini_program_customer_service']),
      );
    }
    // The application's handlers never saw the test accounts' messages.
    expect(handlers.runs.echo).toBe(3);
  });
});
