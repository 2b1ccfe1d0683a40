import { AuthorizerClientFactory, CodeTemplateLibrary, isAuthorizationEvent, type AuthorizerClient } from 'nestjs-wechat-component';
import type { AccountType, NewAccountInput } from '../../apps/sandbox/src/index.js';
import type { ApiWorld } from './api-platform.js';

/** Creates an account with the given profile, authorizes it (push → the platform exchanges the code), returns its client. */
export async function authorizedAccount(world: ApiWorld, input: { type: AccountType } & Partial<NewAccountInput>): Promise<AuthorizerClient> {
  const { appId } = await world.sandbox.client.createAccount(input as NewAccountInput);
  await world.sandbox.client.authorize(appId);
  await world.platform.recorder.waitFor((event) => isAuthorizationEvent(event) && event.authorizerAppId === appId);
  return world.platform.get(AuthorizerClientFactory).getClient(appId);
}

const ITEM = { address: 'pages/index/index', tag: '点餐', first_class: '工具', second_class: '效率', first_id: 287, second_id: 616, title: '首页' };

/** Commits the seeded template, has the audit approved and releases it: the mini program then has released pages. */
export async function releaseMiniProgram(world: ApiWorld, client: AuthorizerClient): Promise<void> {
  const library = world.platform.get(CodeTemplateLibrary);
  let templates = await library.getTemplateList();
  if (templates.length === 0) {
    await library.addToTemplate(0);
    templates = await library.getTemplateList();
  }
  await client.wxa.commit(templates[0]!.template_id, {}, '1.0.0', '首个版本');
  await client.wxa.submitAudit({ item_list: [ITEM] });
  await world.sandbox.client.decideAudit(client.appId, { decision: 'approve' });
  await client.wxa.release();
}

/**
 * Waits until the clock turns to the next second: two pushes of the same event from WeChat's system sender in one
 * second are one delivery to the module (events are told apart by sender and CreateTime, as WeChat's retries are).
 */
export async function nextSecond(): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) === now) await new Promise((resolve) => setTimeout(resolve, 20));
}
