import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Clock } from './common/clock.js';

/** Options of {@link startSandbox}. Every field is optional. */
export interface SandboxOptions {
  /** Port to listen on; default 0 (a free port). `main.ts` uses SANDBOX_PORT or 3100. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** The simulated component's appid; default {@link SANDBOX_DEFAULTS}.componentAppId. */
  componentAppId?: string;
  /** The simulated component's AppSecret. */
  componentAppSecret?: string;
  /** The message-check Token. */
  token?: string;
  /** The 43-character EncodingAESKey. */
  encodingAESKey?: string;
  /** The platform's authorization event URL (pushes go here); can be set later with `setPushTargets`. */
  eventUrl?: string;
  /** The platform's message URL, containing `$APPID$`. */
  messageUrl?: string;
  /** Seconds between ticket pushes; default 600; 0 = no periodic push. */
  ticketIntervalSeconds?: number;
  /** Push one ticket as soon as the event URL is known; default true. */
  pushTicketOnStart?: boolean;
  /** `expires_in` of component access tokens; default 7200. */
  componentTokenTtlSeconds?: number;
  /** `expires_in` of authorizer access tokens; default 7200. */
  authorizerTokenTtlSeconds?: number;
  /** `api_authorizer_token` returns a new refresh token and the old one answers 61023; default false. */
  rotateRefreshTokens?: boolean;
  /** Seed a few official accounts (with a menu) and mini programs; default true. */
  seedAccounts?: boolean;
  /** Timeout of one push attempt; default 5000 (WeChat's). */
  pushTimeoutMs?: number;
  /** Attempts per push; default 3 (WeChat's). */
  pushAttempts?: number;
  /** Seconds after which a mini-program audit approves itself; default 30; 0 = only the control API decides. */
  auditSeconds?: number;
  /** `true` for Nest's console logger, `false` (default) for silence, the levels to show, or your own logger. */
  logger?: boolean | LogLevel[] | LoggerService;
  /** The time source (ms since the epoch); default `Date.now`. For tests that move time. */
  clock?: Clock;
}

/** The fake credentials of the simulated component and the defaults `main.ts` prints. */
export const SANDBOX_DEFAULTS = Object.freeze({
  port: 3100,
  host: '127.0.0.1',
  componentAppId: 'wx5a9d3c1e7b2f4086',
  componentAppSecret: 'sandboxsecret0000000000000000000',
  token: 'sandboxtoken',
  encodingAESKey: 'SandboxEncodingAESKey0123456789abcdefghijkl',
  ticketIntervalSeconds: 600,
  componentTokenTtlSeconds: 7200,
  authorizerTokenTtlSeconds: 7200,
});

/** The component the sandbox simulates. */
export interface ComponentCredentials {
  appId: string;
  appSecret: string;
  token: string;
  encodingAESKey: string;
}

/**
 * Validates the component's credentials.
 * @throws TypeError naming the invalid option.
 */
export function resolveComponent(options: SandboxOptions): ComponentCredentials {
  const component: ComponentCredentials = {
    appId: options.componentAppId ?? SANDBOX_DEFAULTS.componentAppId,
    appSecret: options.componentAppSecret ?? SANDBOX_DEFAULTS.componentAppSecret,
    token: options.token ?? SANDBOX_DEFAULTS.token,
    encodingAESKey: options.encodingAESKey ?? SANDBOX_DEFAULTS.encodingAESKey,
  };
  if (!/^wx[0-9a-f]{16}$/.test(component.appId)) throw new TypeError('componentAppId must be wx + 16 lower-case hex');
  if (component.appSecret.length === 0) throw new TypeError('componentAppSecret must not be empty');
  if (!/^[A-Za-z0-9]{3,32}$/.test(component.token)) throw new TypeError('token must be 3..32 letters or digits');
  if (!/^[A-Za-z0-9]{43}$/.test(component.encodingAESKey)) throw new TypeError('encodingAESKey must be 43 letters or digits');
  return component;
}
