import { SANDBOX_DEFAULTS, type SandboxOptions } from './options.js';

/** The environment variables `main.ts` reads, with the option each one sets. */
export const SANDBOX_ENV = {
  SANDBOX_PORT: 'port',
  SANDBOX_HOST: 'host',
  SANDBOX_COMPONENT_APPID: 'componentAppId',
  SANDBOX_COMPONENT_APPSECRET: 'componentAppSecret',
  SANDBOX_TOKEN: 'token',
  SANDBOX_ENCODING_AES_KEY: 'encodingAESKey',
  SANDBOX_EVENT_URL: 'eventUrl',
  SANDBOX_MESSAGE_URL: 'messageUrl',
  SANDBOX_TICKET_INTERVAL_SECONDS: 'ticketIntervalSeconds',
  SANDBOX_COMPONENT_TOKEN_TTL_SECONDS: 'componentTokenTtlSeconds',
  SANDBOX_AUTHORIZER_TOKEN_TTL_SECONDS: 'authorizerTokenTtlSeconds',
} as const satisfies Record<string, keyof SandboxOptions>;

const NUMERIC = new Set<keyof SandboxOptions>(['port', 'ticketIntervalSeconds', 'componentTokenTtlSeconds', 'authorizerTokenTtlSeconds']);

/**
 * Sandbox options from the environment (unset or empty variables keep the defaults; the port defaults to 3100).
 * @throws TypeError for a numeric variable that is not a non-negative integer.
 */
export function optionsFromEnv(env: Record<string, string | undefined>): SandboxOptions {
  const options: Record<string, string | number> = { port: SANDBOX_DEFAULTS.port };
  for (const [variable, option] of Object.entries(SANDBOX_ENV)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (NUMERIC.has(option)) {
      if (!/^\d+$/.test(value)) throw new TypeError(`${variable} must be a non-negative integer, got ${JSON.stringify(value)}`);
      options[option] = Number(value);
    } else {
      options[option] = value;
    }
  }
  return options as SandboxOptions;
}
