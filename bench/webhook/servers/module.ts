import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Cache } from 'cache-manager';
import { WeChatComponentModule } from 'nestjs-wechat-component';
import { BENCH_COMPONENT } from '../credentials.js';
import type { BenchServer } from './http-server.js';
import { listenNest } from './nest-app.js';

/**
 * The module as an application uses it: a Nest app (Express adapter, default settings) importing
 * `WeChatComponentModule.forRoot`; the event URL verifies, decrypts and parses each push, remembers it (retries are
 * acted on once), stores the ticket and runs the (here: no) `@OnComponentEvent` handlers. With `fastPath`, the
 * webhooks are answered ahead of Nest's router (`webhook.fastPath`).
 */
export async function startModuleServer(options: { store?: Cache; keyPrefix?: string; fastPath?: boolean } = {}): Promise<BenchServer> {
  const { store, keyPrefix, fastPath = false } = options;
  @Module({
    imports: [WeChatComponentModule.forRoot({ ...BENCH_COMPONENT, store, keyPrefix, refresh: false, reconcile: false, webhook: { fastPath } })],
  })
  class BenchPlatformModule {}
  const app = await NestFactory.create(BenchPlatformModule, { logger: ['error'], abortOnError: false });
  return listenNest(app);
}
