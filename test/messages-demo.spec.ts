import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentService } from 'nestjs-wechat-component';
import { type RunningDemo, startDemo } from '../apps/demo/src/start-demo.js';

// The demo platform on its in-process sandbox: its echo handler answers, and it passes the release test.
describe('demo: messages', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemo({ port: 0 }, { logger: false });
  });
  afterAll(() => demo?.close());

  it('echoes text messages of an authorized account and passes the full-network-release test', async () => {
    const sandbox = demo.sandbox!;
    const component = demo.app.get(ComponentService);
    const seeded = await sandbox.client.listAccounts({ type: 'official_account' });
    const appId = seeded.items.find((item) => item.testGroup === undefined)!.appId;
    await sandbox.client.authorize(appId);
    for (let i = 0; (await component.getAuthorizer(appId))?.status !== 'authorized'; i++) {
      if (i > 200) throw new Error('the authorization never arrived');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const delivery = await sandbox.client.sendMessage(appId, { type: 'text', content: 'echo, echo' });
    expect(delivery.reply).toMatchObject({ kind: 'reply', problems: [], fields: { MsgType: 'text', Content: 'echo, echo' } });
    const report = await sandbox.client.runReleaseTest();
    expect(report.cases.filter((c) => !c.passed)).toEqual([]);
    expect(report.passed).toBe(true);
  });
});
