import 'reflect-metadata';
import { type DynamicModule, Injectable, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { caching, type Cache } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnAuthorizerMessage, type TextMessage, WeChatComponentModule } from 'nestjs-wechat-component';
import { openReply, signedMessagePush, textXml } from './support/message-push.js';
import { postXml } from './support/push.js';
import { REDIS_URL, redisCache } from './support/redis.js';

// Two instances of the platform behind one load balancer, sharing the real Redis: WeChat's retries of a message
// land on either; the handler must run once and every attempt must get the same answer.
const creds = { componentAppId: 'wx0123456789abcdef', token: 'testtoken', encodingAESKey: 'A'.repeat(43) };
const APP_ID = 'wxaaaaaaaaaaaaaaa1';

@Injectable()
class Counter {
  runs = 0;
  @OnAuthorizerMessage({ type: 'text' })
  async reply(message: TextMessage): Promise<string> {
    this.runs++;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return `${message.content} (handled once, at ${Date.now()})`;
  }
}

@Module({})
class Instance {
  static with(store: Cache, keyPrefix: string): DynamicModule {
    return {
      module: Instance,
      imports: [
        WeChatComponentModule.forRoot({ ...creds, componentAppSecret: 's', apiBaseUrl: 'http://127.0.0.1:1', refresh: false, store, keyPrefix }),
      ],
      providers: [Counter],
    };
  }
}

describe('message retries across instances sharing Redis', () => {
  let redis: Awaited<ReturnType<typeof redisCache>>;
  let secondCache: Cache;
  const apps: INestApplication[] = [];
  const urls: string[] = [];
  beforeAll(async () => {
    redis = await redisCache();
    secondCache = await caching(redisStore, { url: REDIS_URL });
    for (const cache of [redis.cache, secondCache]) {
      const app = await NestFactory.create(Instance.with(cache, redis.prefix), { logger: false });
      await app.listen(0, '127.0.0.1');
      apps.push(app);
      urls.push(`${await app.getUrl()}/wechat/component/messages/${APP_ID}`);
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await (secondCache.store as unknown as { client: { quit(): Promise<unknown> } }).client.quit();
    await redis.close();
  });

  it('runs the handler once and gives every attempt, on either instance, the same answer', async () => {
    const xml = textXml('gh_account', 'o_user', 'hello');
    const attempt = (url: string) => {
      const push = signedMessagePush(creds, xml);
      return postXml(url, push.query, push.body);
    };
    // Two deliveries at once (one per instance), then a late retry on each.
    const answers = [...(await Promise.all([attempt(urls[0]!), attempt(urls[1]!)])), await attempt(urls[1]!), await attempt(urls[0]!)];
    const runs = apps.map((app) => app.get(Counter).runs);
    expect(runs[0]! + runs[1]!).toBe(1);
    const opened = answers.map((answer) => openReply(creds, answer.text));
    expect(new Set(opened).size).toBe(1);
    expect(opened[0]).toContain('hello (handled once, at ');
  });
});
