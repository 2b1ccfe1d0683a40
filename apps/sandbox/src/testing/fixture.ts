import type { SandboxOptions } from '../options.js';
import { startSandbox, type RunningSandbox } from '../start-sandbox.js';
import { PushReceiver } from './push-receiver.js';
import { WeChatHttp } from './wechat-client.js';

/** A sandbox with a push receiver as its platform, a manual clock and helpers, for the sandbox's own tests. */
export interface Fixture {
  sandbox: RunningSandbox;
  wx: WeChatHttp;
  receiver: PushReceiver;
  /** Moves the sandbox's clock forward. */
  advance(ms: number): void;
  now(): number;
  /** Pushes a ticket and exchanges it for a component token. */
  componentToken(): Promise<string>;
  /** Authorizes an account through the control API and redeems the code: its tokens. */
  authorize(appId: string, funcIds?: number[]): Promise<{ accessToken: string; refreshToken: string }>;
  /** The first seeded account of a type. */
  seeded(type: 'official_account' | 'mini_program'): Promise<string>;
  stop(): Promise<void>;
}

export async function startFixture(options: SandboxOptions = {}): Promise<Fixture> {
  let offset = 0;
  const clock = (): number => Date.now() + offset;
  const sandbox = await startSandbox({ ticketIntervalSeconds: 0, pushTicketOnStart: false, clock, ...options });
  const receiver = await new PushReceiver({
    token: sandbox.token,
    encodingAESKey: sandbox.encodingAESKey,
    componentAppId: sandbox.componentAppId,
  }).start();
  sandbox.setPushTargets({ eventUrl: `${receiver.url}/wechat/events`, messageUrl: `${receiver.url}/wechat/$APPID$/messages` });
  const wx = new WeChatHttp(sandbox.apiBaseUrl);
  const fixture: Fixture = {
    sandbox,
    wx,
    receiver,
    advance(ms) {
      offset += ms;
    },
    now: clock,
    async componentToken() {
      const { ticket } = await sandbox.client.pushTicket();
      const answer = await wx.post('/cgi-bin/component/api_component_token', {
        component_appid: sandbox.componentAppId,
        component_appsecret: sandbox.componentAppSecret,
        component_verify_ticket: ticket,
      });
      return answer['component_access_token'] as string;
    },
    async authorize(appId, funcIds) {
      const token = await fixture.componentToken();
      const { authorizationCode } = await sandbox.client.authorize(appId, { push: false, ...(funcIds ? { funcIds } : {}) });
      const answer = await wx.post(
        '/cgi-bin/component/api_query_auth',
        { component_appid: sandbox.componentAppId, authorization_code: authorizationCode },
        { component_access_token: token },
      );
      const info = answer['authorization_info'] as { authorizer_access_token: string; authorizer_refresh_token: string };
      return { accessToken: info.authorizer_access_token, refreshToken: info.authorizer_refresh_token };
    },
    async seeded(type) {
      const page = await sandbox.client.listAccounts({ type });
      return page.items.find((a) => a.testGroup === undefined)!.appId;
    },
    async stop() {
      await sandbox.stop();
      await receiver.stop();
    },
  };
  return fixture;
}

/** WeChat's error shape: `<text> rid: xxxxxxxx-xxxxxxxx-xxxxxxxx`. */
export const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
