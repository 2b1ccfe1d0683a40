import 'reflect-metadata';
import { type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it, vi } from 'vitest';
import { AuthorizerClientFactory, ComponentService, WeChatComponentModule } from 'nestjs-wechat-component';
import { TokenRefreshScheduler } from '../libs/wechat-component/src/token/token-refresh.scheduler.js';
import { postXml, signedEventPush, ticketXml } from './support/push.js';
import { sandboxConnection, startTestSandbox } from './support/platform.js';
import { waitFor } from './support/wait-for.js';

/** Keeps every line the application logs, at every level. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep(...parts: unknown[]): void {
    this.lines.push(parts.map((part) => (part instanceof Error ? `${part.message}\n${part.stack}` : String(part))).join(' '));
  }
  log = (...parts: unknown[]) => this.keep(...parts);
  error = (...parts: unknown[]) => this.keep(...parts);
  warn = (...parts: unknown[]) => this.keep(...parts);
  debug = (...parts: unknown[]) => this.keep(...parts);
  verbose = (...parts: unknown[]) => this.keep(...parts);
}

describe('secrets never reach the logs or error messages', () => {
  it('through a whole flow with refreshes, rejections, bad pushes and failures', async () => {
    const sandbox = await startTestSandbox();
    const logger = new CapturingLogger();
    @Module({ imports: [WeChatComponentModule.forRoot({ ...sandboxConnection(sandbox), refresh: { cron: '* * * * * *' } })] })
    class Platform {}
    const app = await NestFactory.create(Platform, { logger });
    const errors: string[] = [];
    try {
      await app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      sandbox.setPushTargets({ eventUrl: `${url}/wechat/component/events` });
      const component = app.get(ComponentService);
      const clients = app.get(AuthorizerClientFactory);
      const passes = vi.spyOn(app.get(TokenRefreshScheduler), 'runOnce');
      const deadline = Date.now() + 5000;
      while (!(await component.getHealth()).ticket && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

      const { appId } = await sandbox.client.createAccount({ type: 'official_account', menu: true });
      await sandbox.client.authorize(appId);
      const client = await clients.getClient(appId);
      await client.menu.get();
      await sandbox.client.invalidateAuthorizerToken(appId);
      await client.menu.get(); // 40001 → refresh → retry (a warning is logged)
      await sandbox.client.injectFault({ path: '/cgi-bin/menu/get', errcode: 40001, times: 2 });
      await client.menu.get().catch((error: Error) => errors.push(error.message));
      await sandbox.client.staleRefreshToken(appId);
      await component.refreshAuthorizerToken(appId); // 61023 → recovered from the list (logged)
      await sandbox.client.injectFault({ path: '/cgi-bin/component/api_authorizer_token', errcode: 61023 });
      await component.refreshAuthorizerToken(appId).catch((error: Error) => errors.push(error.message));
      await sandbox.client.clearFaults();
      const credentials = { componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey };
      const forged = signedEventPush(credentials, ticketXml(sandbox.componentAppId, 'ticket@@@forged'));
      forged.query.set('msg_signature', '0'.repeat(40));
      await postXml(`${url}/wechat/component/events`, forged.query, forged.body);
      await sandbox.client.injectFault({ path: '/cgi-bin/component/api_query_auth', errcode: -1 });
      const other = await sandbox.client.createAccount({ type: 'official_account' });
      await sandbox.client.authorize(other.appId); // our own failure: 500 + an error log, three times
      await sandbox.client.clearFaults();
      // One scheduled pass from here on, and what it logs once over.
      const passesBefore = passes.mock.calls.length;
      const pass = await waitFor(async () => passes.mock.results[passesBefore], 'a scheduled pass');
      await (pass.value as Promise<unknown>).catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));

      const summary = await sandbox.client.summary();
      const account = await sandbox.client.getAccount(appId);
      const secrets = {
        appSecret: sandbox.componentAppSecret,
        encodingAESKey: sandbox.encodingAESKey,
        messageToken: sandbox.token,
        ticket: summary.ticket!.value,
        componentToken: summary.componentToken!.token,
        authorizerToken: account.accessToken!.token,
        refreshToken: account.refreshToken!,
      };
      const text = [...logger.lines, ...errors].join('\n');
      expect(logger.lines.some((line) => line.includes('rejected'))).toBe(true);
      expect(errors).toHaveLength(2);
      for (const [name, value] of Object.entries(secrets)) {
        expect(value.length, name).toBeGreaterThan(4);
        expect(text.includes(value), `${name} appears in the logs`).toBe(false);
      }
    } finally {
      await app.close();
      await sandbox.stop();
    }
  });
});
