import { describe, expect, it } from 'vitest';
import { WeChatComponentConfigError } from '../errors/wechat-component.errors.js';
import { resolveOptions, resolveWebhookOptions } from './resolve-options.js';
import type { WeChatComponentModuleOptions } from './wechat-component-options.js';

const valid: WeChatComponentModuleOptions = {
  componentAppId: 'wx0123456789abcdef',
  componentAppSecret: 'a-very-secret-value',
  token: 'mytoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

function problemsOf(options: unknown): readonly string[] {
  try {
    resolveOptions(options as WeChatComponentModuleOptions);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(WeChatComponentConfigError);
    return (error as WeChatComponentConfigError).problems;
  }
}

describe('resolveOptions', () => {
  it('fills in every default', () => {
    expect(resolveOptions(valid)).toMatchObject({
      apiBaseUrl: 'https://api.weixin.qq.com',
      mpBaseUrl: 'https://mp.weixin.qq.com',
      openBaseUrl: 'https://open.weixin.qq.com',
      keyPrefix: 'wechat-component',
      refresh: { cron: '0 * * * * *', aheadSeconds: 900, concurrency: 8 },
      http: { timeoutMs: 5000, retries: 2, retryBaseDelayMs: 200, callBudgetMs: 15_600 },
      events: { autoQueryAuth: true, handlerTimeoutMs: 4000 },
    });
  });

  it('resolves the HTTP deadline and retries, with the bound of one call derived from them', () => {
    expect(resolveOptions({ ...valid, http: { timeoutMs: 1000, retries: 0 } }).http).toEqual({
      timeoutMs: 1000,
      retries: 0,
      retryBaseDelayMs: 200,
      callBudgetMs: 1000,
    });
    expect(resolveOptions({ ...valid, http: { timeoutMs: 2000, retries: 3, retryBaseDelayMs: 50 } }).http.callBudgetMs).toBe(4 * 2000 + 50 * 7);
    expect(problemsOf({ ...valid, http: { retries: 6, retryBaseDelayMs: 0 } })).toEqual([
      'http.retries must be an integer from 0 to 5',
      'http.retryBaseDelayMs must be an integer from 1 to 10000',
    ]);
  });

  it('resolves the scale settings of refresh and reconcile: defaults, overrides, every bad field', () => {
    expect(resolveOptions(valid)).toMatchObject({
      refresh: { spreadSeconds: 1800, maxPerPass: 10_000, rateLimitPerSecond: 100 },
      reconcile: { cron: '0 17 4 * * *', whenEmptyAtStartup: true },
    });
    const custom = resolveOptions({ ...valid, refresh: { spreadSeconds: 0, maxPerPass: 5, rateLimitPerSecond: 3 }, reconcile: false });
    expect(custom.refresh).toMatchObject({ spreadSeconds: 0, maxPerPass: 5, rateLimitPerSecond: 3, concurrency: 8 });
    expect(custom.reconcile).toBe(false);
    expect(
      problemsOf({
        ...valid,
        refresh: { spreadSeconds: -1, maxPerPass: 0, rateLimitPerSecond: 0.5 },
        reconcile: { cron: 'daily', whenEmptyAtStartup: 1 },
      }),
    ).toEqual([
      'refresh.spreadSeconds must be an integer from 0 to 7200',
      'refresh.maxPerPass must be an integer from 1 to 1000000',
      'refresh.rateLimitPerSecond must be an integer from 1 to 100000',
      expect.stringContaining('reconcile.cron must be a cron expression'),
      'reconcile.whenEmptyAtStartup must be true or false',
    ]);
  });

  it('trims trailing slashes of base URLs and accepts refresh: false', () => {
    const resolved = resolveOptions({ ...valid, apiBaseUrl: 'http://127.0.0.1:4000/', refresh: false });
    expect(resolved.apiBaseUrl).toBe('http://127.0.0.1:4000');
    expect(resolved.refresh).toBe(false);
  });

  it('names every bad field in one error, without echoing secrets', () => {
    const problems = problemsOf({
      componentAppId: 'not-an-appid',
      componentAppSecret: '',
      token: 't',
      encodingAESKey: 'secret-but-too-short',
      apiBaseUrl: 'ftp://x',
      refresh: { cron: '* * * * *', aheadSeconds: 0, concurrency: 1.5 },
      http: { timeoutMs: -1 },
      store: { get: 1 },
      events: { autoQueryAuth: 'yes' },
    });
    expect(problems).toEqual([
      expect.stringContaining('componentAppId must look like a WeChat AppID'),
      'componentAppSecret is required (a non-empty string)',
      expect.stringContaining('token must be 3 to 32'),
      'encodingAESKey must be exactly 43 letters or digits',
      'apiBaseUrl must be an http(s) URL',
      expect.stringContaining('store must be the app’s node-redis or ioredis client, or a cache-manager Cache'),
      expect.stringContaining('refresh.cron must be a cron expression with six fields'),
      'refresh.aheadSeconds must be an integer from 1 to 7200',
      'refresh.concurrency must be an integer from 1 to 1000',
      'http.timeoutMs must be an integer from 100 to 120000',
      'events.autoQueryAuth must be true or false',
    ]);
    expect(problems.join('\n')).not.toContain('secret-but-too-short');
  });

  it('resolves the messages section: defaults, overrides and every bad field', () => {
    expect(resolveOptions(valid).messages).toEqual({ replyBudgetMs: 4000, releaseTestResponder: true, dedupeTtlSeconds: 300 });
    expect(resolveOptions({ ...valid, messages: { replyBudgetMs: 250, releaseTestResponder: false, dedupeTtlSeconds: 60 } }).messages).toEqual({
      replyBudgetMs: 250,
      releaseTestResponder: false,
      dedupeTtlSeconds: 60,
    });
    expect(problemsOf({ ...valid, messages: { replyBudgetMs: 5000, releaseTestResponder: 'no', dedupeTtlSeconds: 1 } })).toEqual([
      'messages.replyBudgetMs must be an integer from 1 to 4900',
      'messages.releaseTestResponder must be true or false',
      'messages.dedupeTtlSeconds must be an integer from 30 to 86400',
    ]);
    expect(problemsOf({ ...valid, messages: 'fast' })).toEqual(['messages must be an object']);
  });

  it('resolves the freshness window of pushes: 300 s by default (at most 10 minutes), 30 s to 1 h', () => {
    expect(resolveOptions(valid).push).toEqual({ maxAgeMs: 300_000 });
    expect(resolveOptions({ ...valid, push: { maxAgeSeconds: 60 } }).push).toEqual({ maxAgeMs: 60_000 });
    expect(problemsOf({ ...valid, push: { maxAgeSeconds: 29 } })).toEqual(['push.maxAgeSeconds must be an integer from 30 to 3600']);
    expect(problemsOf({ ...valid, push: { maxAgeSeconds: 3601 } })).toEqual(['push.maxAgeSeconds must be an integer from 30 to 3600']);
    expect(problemsOf({ ...valid, push: { maxAgeSeconds: '300' } })).toEqual(['push.maxAgeSeconds must be an integer from 30 to 3600']);
    expect(problemsOf({ ...valid, push: 300 })).toEqual(['push must be an object']);
  });

  it('reports missing required fields', () => {
    expect(problemsOf({})).toHaveLength(4);
    expect(problemsOf(undefined)).toContain('options must be an object');
  });
});

describe('resolveWebhookOptions', () => {
  it('defaults, normalises and can be switched off', () => {
    expect(resolveWebhookOptions(undefined)).toEqual({
      prefix: 'wechat/component',
      maxBodyBytes: 65536,
      bodyTimeoutMs: 3000,
      fastPath: false,
      decorators: [],
    });
    expect(resolveWebhookOptions({ prefix: '/hooks/wx/', fastPath: true })).toEqual({
      prefix: 'hooks/wx',
      maxBodyBytes: 65536,
      bodyTimeoutMs: 3000,
      fastPath: true,
      decorators: [],
    });
    expect(resolveWebhookOptions(false)).toBe(false);
    expect(() => resolveWebhookOptions({ prefix: 'has space', maxBodyBytes: 10 })).toThrow(/webhook.prefix[\s\S]*webhook.maxBodyBytes/);
    expect(() => resolveWebhookOptions({ fastPath: 'yes' as unknown as boolean })).toThrow(/webhook.fastPath must be true or false/);
  });

  it('takes a body timeout from 100 ms to 60 s', () => {
    expect(resolveWebhookOptions({ bodyTimeoutMs: 500 })).toMatchObject({ bodyTimeoutMs: 500 });
    expect(() => resolveWebhookOptions({ bodyTimeoutMs: 99 })).toThrow(/webhook.bodyTimeoutMs must be an integer from 100 to 60000/);
    expect(() => resolveWebhookOptions({ bodyTimeoutMs: 60_001 })).toThrow(/webhook.bodyTimeoutMs must be an integer from 100 to 60000/);
  });

  it('takes class decorators for the webhook controllers and refuses anything else', () => {
    const Public = (): ClassDecorator => () => undefined;
    const decorators = [Public()];
    expect(resolveWebhookOptions({ decorators })).toMatchObject({ decorators });
    expect(() => resolveWebhookOptions({ decorators: ['public'] as unknown as ClassDecorator[] })).toThrow(/webhook.decorators must be an array/);
  });
});
