import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Cache } from 'cache-manager';
import { OnAuthorizerMessage, type TextMessage, WeChatComponentModule } from 'nestjs-wechat-component';
import { BENCH_COMPONENT } from '../credentials.js';
import type { BenchServer } from './http-server.js';
import { listenNest } from './nest-app.js';

/** The demo's echo handler: answers a text message with its text, as an encrypted passive reply. */
@Injectable()
class EchoHandler {
  @OnAuthorizerMessage({ type: 'text' })
  echo(message: TextMessage): string {
    return message.content;
  }
}

/** How a module server is set up. */
export interface ModuleServerOptions {
  readonly adapter: 'express' | 'fastify';
  /** `webhook.fastPath`; undefined leaves the module's default. */
  readonly fastPath?: boolean;
  readonly store?: Cache;
  readonly keyPrefix?: string;
}

/**
 * The module as an application uses it: a Nest app importing `WeChatComponentModule.forRoot` with the required
 * options only (default logger — Nest's, every level to stdout — default webhook settings unless `fastPath` is
 * given), and an echo handler for text messages. The event URL verifies, decrypts and parses each push, acts on it
 * once (markers) and stores the ticket; the message URL runs the handler once and encrypts its reply.
 */
export async function startModuleServer(options: ModuleServerOptions): Promise<BenchServer> {
  const { store, keyPrefix, fastPath, adapter } = options;
  @Module({
    imports: [
      WeChatComponentModule.forRoot({
        ...BENCH_COMPONENT,
        apiBaseUrl: 'http://127.0.0.1:9', // never called during a run (nothing is due); refused at once if it were
        store,
        keyPrefix,
        reconcile: false,
        ...(fastPath === undefined ? {} : { webhook: { fastPath } }),
      }),
    ],
    providers: [EchoHandler],
  })
  class BenchPlatformModule {}
  const app =
    adapter === 'fastify'
      ? await NestFactory.create(BenchPlatformModule, new FastifyAdapter(), { abortOnError: false })
      : await NestFactory.create(BenchPlatformModule, { abortOnError: false });
  return listenNest(app);
}
