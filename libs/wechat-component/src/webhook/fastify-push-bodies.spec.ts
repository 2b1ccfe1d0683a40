import { describe, expect, it } from 'vitest';
import { webhookRouteMatcher } from './fastify-push-bodies.js';

describe('webhookRouteMatcher: which Fastify routes are the webhooks', () => {
  it('matches the two routes under any global prefix, RouterModule path or URI version', () => {
    const isWebhook = webhookRouteMatcher('wechat/component');
    for (const route of ['/wechat/component/events', '/api/wechat/component/events', '/api/v1/wechat/component/messages/:appId', '/wechat/component/events/']) {
      expect(isWebhook(route), route).toBe(true);
    }
  });

  it("leaves the application's routes alone, including look-alikes", () => {
    const isWebhook = webhookRouteMatcher('wechat/component');
    for (const route of ['/events', '/api/other/events', '/api/mywechat/component/events', '/wechat/component/messages', '/wechat/component/messages/:id', '/wechat/component/events/extra']) {
      expect(isWebhook(route), route).toBe(false);
    }
  });

  it('with an empty webhook prefix, matches /events and /messages/:appId', () => {
    const isWebhook = webhookRouteMatcher('');
    expect(isWebhook('/api/events')).toBe(true);
    expect(isWebhook('/messages/:appId')).toBe(true);
    expect(isWebhook('/orders')).toBe(false);
  });
});
