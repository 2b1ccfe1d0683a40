import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SandboxClient } from './control/client.js';
import { readBody } from './http/body-reader.js';
import type { SandboxOptions } from './options.js';
import { callRecorder } from './recording/call-recorder.js';
import { Sandbox } from './sandbox.js';
import { SandboxModule } from './sandbox.module.js';

/** A running sandbox: its URLs, the simulated component's credentials and a client for its control API. */
export interface RunningSandbox {
  /** e.g. `http://127.0.0.1:PORT`; the console page is at `${url}/`. */
  url: string;
  /** Stands in for https://api.weixin.qq.com. */
  apiBaseUrl: string;
  /** Stands in for https://mp.weixin.qq.com (authorization pages). */
  mpBaseUrl: string;
  /** Stands in for https://open.weixin.qq.com (OAuth consent page, wxaopen bindcomponent). */
  openBaseUrl: string;
  componentAppId: string;
  componentAppSecret: string;
  token: string;
  encodingAESKey: string;
  /** Typed client of the `/sandbox` control API. */
  client: SandboxClient;
  /** The in-process simulator behind the HTTP server (state, pushers, logs). */
  sandbox: Sandbox;
  /** Sets (or changes) where pushes go; the first ticket is pushed as soon as the event URL is known. */
  setPushTargets(targets: { eventUrl?: string; messageUrl?: string }): void;
  /** Stops timers, aborts pushes in flight and closes the server. */
  stop(): Promise<void>;
}

/**
 * Starts a sandbox in this process on `options.port` (default: a free port) and resolves once it listens.
 * Several sandboxes can run side by side; each is independent.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = new Sandbox(options);
  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.forSandbox(sandbox), {
    bodyParser: false,
    abortOnError: false,
    logger: options.logger === true ? undefined : options.logger === undefined ? false : options.logger,
  });
  app.use(readBody);
  app.use(callRecorder(sandbox));
  app.getHttpAdapter().getInstance().set('etag', false);
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port ?? 0, host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  sandbox.start(url);
  let stopped: Promise<void> | undefined;
  return {
    url,
    apiBaseUrl: url,
    mpBaseUrl: url,
    openBaseUrl: url,
    componentAppId: sandbox.component.appId,
    componentAppSecret: sandbox.component.appSecret,
    token: sandbox.component.token,
    encodingAESKey: sandbox.component.encodingAESKey,
    client: new SandboxClient(url),
    sandbox,
    setPushTargets(targets) {
      sandbox.updateSettings({
        ...(targets.eventUrl === undefined ? {} : { eventUrl: targets.eventUrl }),
        ...(targets.messageUrl === undefined ? {} : { messageUrl: targets.messageUrl }),
      });
    },
    stop() {
      stopped ??= (async () => {
        sandbox.stop();
        await app.close();
      })();
      return stopped;
    },
  };
}
