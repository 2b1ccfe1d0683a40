/* global test, expect -- Jest globals */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS test, on purpose */
// Jest, the test runner of most CommonJS Nest apps, cannot require ES modules: both packages must load through its
// own CommonJS loader. A platform booted in a Jest test gets its ticket from the sandbox.
require('reflect-metadata');
const { Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { ComponentService, WeChatComponentModule } = require('nestjs-wechat-component');
const { startSandbox } = require('nestjs-wechat-component-sandbox');

test('the module and the sandbox load under Jest, and a platform gets its ticket', async () => {
  const sandbox = await startSandbox({ ticketIntervalSeconds: 0, pushTicketOnStart: false, seedAccounts: false });
  const { componentAppId, componentAppSecret, token, encodingAESKey, apiBaseUrl, mpBaseUrl, openBaseUrl } = sandbox;
  class TestModule {}
  Module({
    imports: [WeChatComponentModule.forRoot({ componentAppId, componentAppSecret, token, encodingAESKey, apiBaseUrl, mpBaseUrl, openBaseUrl, refresh: false })],
  })(TestModule);
  const app = await NestFactory.create(TestModule, { logger: false });
  try {
    await app.listen(0, '127.0.0.1');
    sandbox.setPushTargets({ eventUrl: `${await app.getUrl()}/wechat/component/events` });
    const { push } = await sandbox.client.pushTicket();
    expect(push.ok).toBe(true);
    expect(await app.get(ComponentService).getHealth()).toMatchObject({ ticket: true });
  } finally {
    await app.close();
    await sandbox.stop();
  }
});
