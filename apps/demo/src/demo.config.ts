/** The demo's settings, from the environment (see the README). */
export interface DemoConfig {
  readonly port: number;
  /** Real WeChat credentials; undefined runs the demo on the sandbox. */
  readonly wechat?: {
    readonly componentAppId: string;
    readonly componentAppSecret: string;
    readonly token: string;
    readonly encodingAESKey: string;
    readonly apiBaseUrl?: string;
    readonly mpBaseUrl?: string;
  };
  /** Port of the in-process sandbox (sandbox mode only); a free port when taken. */
  readonly sandboxPort?: number;
  readonly redisUrl?: string;
  /** Prefix of the module's keys in Redis (`WECHAT_KEY_PREFIX`). */
  readonly keyPrefix?: string;
  /** Prefix of the release campaigns' keys in Redis (`WECHAT_FLEET_PREFIX`). */
  readonly fleetPrefix?: string;
  readonly refreshCron?: string;
  readonly refreshAheadSeconds?: number;
}

/** Reads the demo's environment; an unset or empty `WECHAT_COMPONENT_APPID` means "use the sandbox". */
export function readDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const value = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const appId = value('WECHAT_COMPONENT_APPID');
  const ahead = value('WECHAT_REFRESH_AHEAD_SECONDS');
  return {
    port: Number(value('PORT') ?? 3000),
    wechat: appId
      ? {
          componentAppId: appId,
          componentAppSecret: value('WECHAT_COMPONENT_APPSECRET') ?? '',
          token: value('WECHAT_COMPONENT_TOKEN') ?? '',
          encodingAESKey: value('WECHAT_COMPONENT_ENCODING_AES_KEY') ?? '',
          apiBaseUrl: value('WECHAT_API_BASE_URL'),
          mpBaseUrl: value('WECHAT_MP_BASE_URL'),
        }
      : undefined,
    sandboxPort: Number(value('SANDBOX_PORT') ?? 3100),
    redisUrl: value('REDIS_URL'),
    keyPrefix: value('WECHAT_KEY_PREFIX'),
    fleetPrefix: value('WECHAT_FLEET_PREFIX'),
    refreshCron: value('WECHAT_REFRESH_CRON'),
    refreshAheadSeconds: ahead === undefined ? undefined : Number(ahead),
  };
}
