import 'reflect-metadata';
import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  SetMetadata,
  type Type,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ComponentService, isWeChatWebhook } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../apps/sandbox/src/index.js';
import { CapturingLogger } from './support/capturing-logger.js';
import { connect, type PlatformOverrides, startPlatform, startTestSandbox, type TestPlatform } from './support/platform.js';
import { postXml, signedEventPush, ticketXml } from './support/push.js';
import { waitForItem } from './support/wait-for.js';

/** A global guard that refuses every route except those marked as WeChat webhooks. */
@Injectable()
class WebhooksOnly implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return isWeChatWebhook(context);
  }
}

/** The common pattern: a global auth guard that lets through what `@Public()` marks. */
const IS_PUBLIC_KEY = 'isPublic';
const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

@Injectable()
class SignedInGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const { headers } = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (headers.authorization) return true; // a stand-in for a real session check
    throw new UnauthorizedException(); // WeChat never has a session
  }
}

@Controller('ping')
class PingController {
  @Get()
  ping(): string {
    return 'pong';
  }
}

describe.each(['express', 'fastify'] as const)('global guards and the webhooks on %s', (adapter) => {
  let sandbox: RunningSandbox | undefined;
  let platform: TestPlatform | undefined;

  afterEach(async () => {
    await platform?.close();
    await sandbox?.stop();
  });

  async function start(guard: Type<CanActivate>, overrides: PlatformOverrides = {}) {
    sandbox = await startTestSandbox();
    platform = await startPlatform(sandbox, {
      adapter,
      reconcile: false,
      controllers: [PingController],
      providers: [{ provide: APP_GUARD, useClass: guard }],
      ...overrides,
    });
    return { sandbox, platform };
  }

  async function expectPushesHandled(sandbox: RunningSandbox, platform: TestPlatform): Promise<void> {
    await connect(sandbox, platform); // the ticket push went through
    const { appId } = await sandbox.client.createAccount({ type: 'official_account' });
    const authorized = await sandbox.client.authorize(appId);
    expect(authorized.push?.attempts.at(-1)).toMatchObject({ status: 200, body: 'success' });
    const delivery = await sandbox.client.sendMessage(appId, { type: 'text', content: 'hello' });
    expect(delivery.push.attempts.at(-1)?.status).toBe(200);
  }

  it('a guard that refuses everything but routes marked WECHAT_WEBHOOK_METADATA lets every push through', async () => {
    const { sandbox, platform } = await start(WebhooksOnly);
    await expectPushesHandled(sandbox, platform);
    expect((await fetch(`${platform.url}/ping`)).status).toBe(403);
  });

  it("webhook.decorators puts the application's own @Public() on the webhooks", async () => {
    const { sandbox, platform } = await start(SignedInGuard, { webhook: { decorators: [Public()] } });
    await expectPushesHandled(sandbox, platform);
    expect((await fetch(`${platform.url}/ping`)).status).toBe(401);
  });

  it('a push a guard refuses is logged as such (and one the webhook refuses, once, by the webhook); nothing is stored', async () => {
    const logger = new CapturingLogger();
    const { sandbox, platform } = await start(SignedInGuard, { logger });
    const credentials = { componentAppId: sandbox.componentAppId, token: sandbox.token, encodingAESKey: sandbox.encodingAESKey };
    const refusedBy = (text: string) => logger.lines.filter((line) => line.level === 'warn' && line.text.includes(text));

    // Signed in, but forged: the guard lets it through, the webhook refuses it and says so.
    const forged = await fetch(`${platform.eventsUrl}?timestamp=1&nonce=2&msg_signature=forged`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', authorization: 'Bearer a-session' },
      body: '<xml><Encrypt>AAAA</Encrypt></xml>',
    });
    expect(forged.status).toBe(401);

    // A genuine push: WeChat has no session, so the guard refuses it before the webhook runs.
    const push = signedEventPush(credentials, ticketXml(sandbox.componentAppId, 'ticket@@@guarded'));
    expect((await postXml(platform.eventsUrl, push.query, push.body)).status).toBe(401);
    const warning = await waitForItem(logger.lines, (line) => line.text.includes('before it reached the WeChat webhook'), 'the warning');
    expect(warning.level).toBe('warn');
    expect(warning.text).toContain('POST /wechat/component/events from 127.0.0.1 was answered 401');
    expect(warning.text).not.toContain('msg_signature='); // the path only

    expect(refusedBy('Refused event push')).toHaveLength(1); // the forged one, by the webhook
    expect(refusedBy('before it reached the WeChat webhook')).toHaveLength(1); // the guarded one only
    expect((await platform.get(ComponentService).getHealth()).ticket).toBe(false);
  });
});
