import { SANDBOX_DEFAULTS } from '../../apps/sandbox/src/options.js';

/** The component every webhook server in the benchmark is configured as (the sandbox's fake credentials). */
export const BENCH_COMPONENT = {
  componentAppId: SANDBOX_DEFAULTS.componentAppId,
  componentAppSecret: SANDBOX_DEFAULTS.componentAppSecret,
  token: SANDBOX_DEFAULTS.token,
  encodingAESKey: SANDBOX_DEFAULTS.encodingAESKey,
} as const;

/** Route of the authorization event URL on every server. */
export const EVENTS_PATH = '/wechat/component/events';
/** Route of the message and event URL on every server (the authorizer's appid follows). */
export const MESSAGES_PATH = '/wechat/component/messages';
