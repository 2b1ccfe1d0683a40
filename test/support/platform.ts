import 'reflect-metadata';
import { type DynamicModule, Injectable, type INestApplication, type LoggerService, type LogLevel, type Provider, type Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  OnComponentEvent,
  WeChatComponentModule,
  type ComponentEvent,
  type WeChatComponentModuleExtras,
  type WeChatComponentModuleOptions,
} from 'nestjs-wechat-component';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../apps/sandbox/src/index.js';
import { waitForItem } from './wait-for.js';

/** Records every component event the platform's handlers receive. */
@Injectable()
export class EventRecorder {
  readonly events: ComponentEvent[] = [];

  @OnComponentEvent('*')
  record(event: ComponentEvent): void {
    this.events.push(event);
  }

  waitFor(predicate: (event: ComponentEvent) => boolean, timeoutMs = 5000): Promise<ComponentEvent> {
    return waitForItem(this.events, predicate, 'event', timeoutMs);
  }
}

/** A platform: a real Nest app importing the module, configured against the sandbox. */
export interface TestPlatform {
  readonly app: INestApplication;
  readonly url: string;
  readonly eventsUrl: string;
  /** The message and event URL as configured at WeChat (with `$APPID$`). */
  readonly messagesUrl: string;
  readonly recorder: EventRecorder;
  get<T>(token: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

export type PlatformOverrides = Partial<WeChatComponentModuleOptions> &
  WeChatComponentModuleExtras & {
    providers?: Provider[];
    controllers?: Type<unknown>[];
    imports?: Array<Type<unknown> | DynamicModule>;
    /** The HTTP adapter: Express (Nest's default) or Fastify. */
    adapter?: 'express' | 'fastify';
    /** `app.setGlobalPrefix(…)` before listening. */
    globalPrefix?: string;
    /** The application's logger; default: errors only, to the console. */
    logger?: LoggerService | LogLevel[];
    /** Anything else to set up on the app before it listens (versioning, a global prefix with exclusions …). */
    configure?: (app: INestApplication) => void;
  };

/** The module options that point a platform at `sandbox`: its credentials and base URLs. */
export function sandboxConnection(sandbox: RunningSandbox): WeChatComponentModuleOptions {
  return {
    componentAppId: sandbox.componentAppId,
    componentAppSecret: sandbox.componentAppSecret,
    token: sandbox.token,
    encodingAESKey: sandbox.encodingAESKey,
    apiBaseUrl: sandbox.apiBaseUrl,
    mpBaseUrl: sandbox.mpBaseUrl,
    openBaseUrl: sandbox.openBaseUrl,
  };
}

/** Boots a platform app on a free port, wired to `sandbox`'s URLs and credentials. */
export async function startPlatform(sandbox: RunningSandbox, overrides: PlatformOverrides = {}): Promise<TestPlatform> {
  const { providers = [], controllers = [], imports = [], adapter = 'express', globalPrefix, logger = ['error'], configure, ...options } = overrides;
  @Module({
    imports: [
      WeChatComponentModule.forRoot({ ...sandboxConnection(sandbox), refresh: false, ...options }),
      ...imports,
    ],
    controllers,
    providers: [EventRecorder, ...providers],
  })
  class PlatformModule {}

  const app =
    adapter === 'fastify'
      ? await NestFactory.create(PlatformModule, new FastifyAdapter(), { logger, abortOnError: false })
      : await NestFactory.create(PlatformModule, { logger, abortOnError: false });
  if (globalPrefix) app.setGlobalPrefix(globalPrefix);
  configure?.(app);
  await app.listen(0, '127.0.0.1');
  const origin = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const url = globalPrefix ? `${origin}/${globalPrefix}` : origin;
  const webhookPrefix = (options.webhook && options.webhook.prefix) || 'wechat/component';
  return {
    app,
    url,
    eventsUrl: `${url}/${webhookPrefix}/events`,
    messagesUrl: `${url}/${webhookPrefix}/messages/$APPID$`,
    recorder: app.get(EventRecorder),
    get: (token) => app.get(token),
    close: () => app.close(),
  };
}

/** A sandbox with no periodic ticket push (tests push when they need one) and no seeded accounts. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ ticketIntervalSeconds: 0, seedAccounts: false, ...options });
}

/** Points the sandbox's pushes at `platform` and waits until its first ticket is stored. */
export async function connect(sandbox: RunningSandbox, platform: TestPlatform): Promise<void> {
  sandbox.setPushTargets({ eventUrl: platform.eventsUrl, messageUrl: platform.messagesUrl });
  await platform.recorder.waitFor((event) => event.infoType === 'component_verify_ticket');
}

/**
 * Plays the administrator on the sandbox's authorization page: opens `authorizationUrl`, picks `appId`, presses
 * Authorize, and returns where the page redirects (the platform's callback with `auth_code`).
 */
export async function authorizeOnPage(authorizationUrl: string, appId: string): Promise<URL> {
  const page = await fetch(authorizationUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorization page answered ${page.status}: ${html.slice(0, 200)}`);
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(match[1]!, decodeEntities(match[2]!));
  }
  // Like a browser: ticked checkboxes are submitted too.
  for (const match of html.matchAll(/<input type="checkbox" name="([^"]+)" value="([^"]*)" checked>/g)) {
    form.append(match[1]!, decodeEntities(match[2]!));
  }
  form.set('appid', appId);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? new URL(authorizationUrl).pathname;
  const submitted = await fetch(new URL(decodeEntities(action), authorizationUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || !location) throw new Error(`authorization failed: ${submitted.status} ${await submitted.text()}`);
  return new URL(location);
}

function decodeEntities(text: string): string {
  return text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
}
