import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from './env.js';

describe('optionsFromEnv', () => {
  it('defaults the port to 3100 and reads every variable', () => {
    expect(optionsFromEnv({})).toEqual({ port: 3100 });
    expect(
      optionsFromEnv({
        SANDBOX_PORT: '0',
        SANDBOX_HOST: '0.0.0.0',
        SANDBOX_COMPONENT_APPID: 'wx1111111111111111',
        SANDBOX_COMPONENT_APPSECRET: 's',
        SANDBOX_TOKEN: 't0k',
        SANDBOX_ENCODING_AES_KEY: 'k'.repeat(43),
        SANDBOX_EVENT_URL: 'http://localhost:3000/wechat/events',
        SANDBOX_MESSAGE_URL: 'http://localhost:3000/wechat/$APPID$/messages',
        SANDBOX_TICKET_INTERVAL_SECONDS: '30',
        SANDBOX_COMPONENT_TOKEN_TTL_SECONDS: '60',
        SANDBOX_AUTHORIZER_TOKEN_TTL_SECONDS: '90',
        SANDBOX_IGNORED: 'x',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      componentAppId: 'wx1111111111111111',
      componentAppSecret: 's',
      token: 't0k',
      encodingAESKey: 'k'.repeat(43),
      eventUrl: 'http://localhost:3000/wechat/events',
      messageUrl: 'http://localhost:3000/wechat/$APPID$/messages',
      ticketIntervalSeconds: 30,
      componentTokenTtlSeconds: 60,
      authorizerTokenTtlSeconds: 90,
    });
  });

  it('refuses non-numeric numbers', () => {
    expect(() => optionsFromEnv({ SANDBOX_PORT: 'abc' })).toThrow(/SANDBOX_PORT/);
  });
});
