/** Everything about the simulated WeChat that can change while it runs (PATCH /sandbox/settings). */
export interface SandboxSettings {
  /** The platform's authorization event URL; pushes go here. */
  eventUrl?: string;
  /** The platform's message URL; `$APPID$` is replaced by the account's appid. */
  messageUrl?: string;
  /** Seconds between `component_verify_ticket` pushes; 0 = none. */
  ticketIntervalSeconds: number;
  /** How long a ticket stays usable (WeChat: 12 h). */
  ticketLifetimeSeconds: number;
  /** `expires_in` of component access tokens (WeChat: 7200). */
  componentTokenTtlSeconds: number;
  /** `expires_in` of authorizer access tokens (WeChat: 7200). */
  authorizerTokenTtlSeconds: number;
  /** How long a replaced access token keeps working (WeChat: about 5 minutes). */
  replacedTokenGraceSeconds: number;
  /** When true, `api_authorizer_token` returns a new refresh token and the old one answers 61023. */
  rotateRefreshTokens: boolean;
  /** `expires_in` of pre-auth codes (WeChat: 600). */
  preAuthCodeTtlSeconds: number;
  /** Lifetime of authorization codes; the push's `AuthorizationCodeExpiredTime` is now + this (WeChat: 3600). */
  authorizationCodeTtlSeconds: number;
  /** Timeout of one push attempt (WeChat: 5 s). */
  pushTimeoutMs: number;
  /** Attempts per push (WeChat: 3). */
  pushAttempts: number;
  /** Seconds after which a mini-program audit approves itself (halved when sped up); 0 = only the control API decides. */
  auditSeconds: number;
  /** The 数据格式 the platform chose for pushes: `xml` (WeChat's default) or `json`, envelope and message alike. */
  pushFormat: 'xml' | 'json';
}

/** WeChat's own values. */
export const WECHAT_SETTINGS: Readonly<SandboxSettings> = Object.freeze({
  ticketIntervalSeconds: 600,
  ticketLifetimeSeconds: 12 * 3600,
  componentTokenTtlSeconds: 7200,
  authorizerTokenTtlSeconds: 7200,
  replacedTokenGraceSeconds: 300,
  rotateRefreshTokens: false,
  preAuthCodeTtlSeconds: 600,
  authorizationCodeTtlSeconds: 3600,
  pushTimeoutMs: 5000,
  pushAttempts: 3,
  auditSeconds: 30,
  pushFormat: 'xml',
});

type NumericSetting = {
  [K in keyof SandboxSettings]-?: SandboxSettings[K] extends number ? K : never;
}[keyof SandboxSettings];

const NUMERIC_LIMITS: Record<NumericSetting, [min: number, max: number]> = {
  ticketIntervalSeconds: [0, 86_400],
  ticketLifetimeSeconds: [1, 7 * 86_400],
  componentTokenTtlSeconds: [1, 86_400],
  authorizerTokenTtlSeconds: [1, 86_400],
  replacedTokenGraceSeconds: [0, 86_400],
  preAuthCodeTtlSeconds: [1, 86_400],
  authorizationCodeTtlSeconds: [1, 86_400],
  pushTimeoutMs: [10, 60_000],
  pushAttempts: [1, 10],
  auditSeconds: [0, 7 * 86_400],
};

/** A partial update of the settings, as accepted by the control API. */
export type SettingsPatch = Partial<Omit<SandboxSettings, 'eventUrl' | 'messageUrl'>> & {
  eventUrl?: string | null;
  messageUrl?: string | null;
};

function checkUrl(name: string, value: unknown): string | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new TypeError(`${name} must be a URL string or null`);
  let url: URL;
  try {
    url = new URL(name === 'messageUrl' ? value.replaceAll('$APPID$', 'APPID') : value);
  } catch {
    throw new TypeError(`${name} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`${name} must be http(s)`);
  return value;
}

/**
 * Validates `patch` and applies it to `settings` (all or nothing).
 * @throws TypeError naming the first invalid field.
 */
export function applySettingsPatch(settings: SandboxSettings, patch: unknown): void {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new TypeError('settings must be an object');
  const next: SandboxSettings = { ...settings };
  for (const [name, value] of Object.entries(patch)) {
    if (name === 'eventUrl' || name === 'messageUrl') {
      next[name] = checkUrl(name, value);
    } else if (name === 'pushFormat') {
      if (value !== 'xml' && value !== 'json') throw new TypeError('pushFormat must be xml or json');
      next.pushFormat = value;
    } else if (name === 'rotateRefreshTokens') {
      if (typeof value !== 'boolean') throw new TypeError('rotateRefreshTokens must be a boolean');
      next.rotateRefreshTokens = value;
    } else if (name in NUMERIC_LIMITS) {
      const [min, max] = NUMERIC_LIMITS[name as NumericSetting];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
        throw new TypeError(`${name} must be a number in ${min}..${max}`);
      }
      next[name as NumericSetting] = value;
    } else {
      throw new TypeError(`unknown setting ${name}`);
    }
  }
  Object.assign(settings, next);
  if (next.eventUrl === undefined) delete settings.eventUrl;
  if (next.messageUrl === undefined) delete settings.messageUrl;
}
