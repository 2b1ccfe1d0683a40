/** Fields whose values are secrets: never shown. */
const SECRET_FIELDS = new Set(['component_appsecret', 'component_secret', 'appsecret', 'secret']);

/** Fields whose values are credentials: shown truncated so a person can tell them apart. */
const CREDENTIAL_FIELDS = new Set([
  'access_token',
  'component_access_token',
  'authorizer_access_token',
  'authorizer_refresh_token',
  'refresh_token',
  'component_verify_ticket',
  'authorization_code',
  'pre_auth_code',
  'auth_code',
  'code',
  'js_code',
  // The same credentials inside pushed XML.
  'ComponentVerifyTicket',
  'AuthorizationCode',
  'PreAuthCode',
]);

/** The first characters of a credential, so logs never carry a usable one. */
export function truncateCredential(value: string): string {
  return value.length <= 12 ? `${value.slice(0, 4)}…` : `${value.slice(0, 10)}…`;
}

/**
 * A JSON-safe copy of a value with secrets masked and credentials truncated, at any depth (bigints become
 * strings).
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_FIELDS.has(key)) out[key] = '***';
    else if (CREDENTIAL_FIELDS.has(key) && typeof item === 'string') out[key] = truncateCredential(item);
    else out[key] = redact(item, depth + 1);
  }
  return out;
}
