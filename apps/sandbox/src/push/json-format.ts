import type { XmlFields, XmlFieldValue } from '../xml/build.js';
import type { XmlObject, XmlValue } from '../xml/parse.js';

/**
 * WeChat's JSON push format (数据格式 JSON): the same fields as the XML message, numbers as JSON numbers (64-bit
 * `MsgId`s written exactly), nested objects as objects; the envelope `{"AppId"|"ToUserName": …, "Encrypt": …}`.
 */
export function buildWeChatJson(fields: XmlFields): string {
  return `{${Object.entries(fields).map(([name, value]) => `${JSON.stringify(name)}:${jsonValue(value)}`).join(',')}}`;
}

function jsonValue(value: XmlFieldValue): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  return buildWeChatJson(value);
}

/** The JSON envelope of a push: `AppId` (event URL) or `ToUserName` (message URL), and `Encrypt`. */
export function jsonEnvelope(addressField: 'AppId' | 'ToUserName', address: string, encrypt: string): string {
  return JSON.stringify({ [addressField]: address, Encrypt: encrypt });
}

/** A JSON object's fields as the XML reader gives them (text values, nested objects), for reading JSON replies. */
export function jsonFields(text: string): XmlObject {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError('not a JSON object');
  return toFields(parsed as Record<string, unknown>);
}

function toFields(source: Record<string, unknown>): XmlObject {
  const out: XmlObject = {};
  for (const [name, value] of Object.entries(source)) {
    const converted = toValue(value);
    if (converted !== undefined) out[name] = converted;
  }
  return out;
}

function toValue(value: unknown): XmlValue | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => toValue(item) ?? '');
  if (value !== null && typeof value === 'object') return toFields(value as Record<string, unknown>);
  return undefined;
}
