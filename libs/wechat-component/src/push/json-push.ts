import type { XmlObject, XmlValue } from '../xml/wechat-xml.js';

/**
 * WeChat's JSON push format (数据格式: JSON, chosen per platform): the envelope `{"ToUserName"|"AppId": …,
 * "Encrypt": "…"}`, signed exactly like the XML one (`msg_signature` over the `Encrypt` value), and a decrypted
 * message with the XML one's field names. Read here into the same {@link XmlObject} shape the XML parser gives — text
 * values, nested objects, arrays — so every typed event and message is built the same way from either format.
 */

// WeChat's JSON messages are one flat object with a few nested ones (`info`, `result_info`); far below this.
const MAX_DEPTH = 16;

/** Whether `text` is JSON rather than XML: its first non-whitespace character opens an object. */
export function isJsonText(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0xfeff) continue;
    return code === 0x7b; // {
  }
  return false;
}

/** The `Encrypt` value of a JSON envelope; undefined when `body` is not one. */
export function extractJsonEncrypt(body: string): string | undefined {
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return undefined;
  }
  const encrypt = envelope !== null && typeof envelope === 'object' ? (envelope as Record<string, unknown>)['Encrypt'] : undefined;
  return typeof encrypt === 'string' && encrypt.trim() !== '' ? encrypt.trim() : undefined;
}

/** Thrown when a decrypted JSON message is not the simple object WeChat sends. */
export class JsonPushError extends Error {}

/**
 * Parses a decrypted JSON message into the shape of a parsed XML one. Integers too long for a double (a 64-bit
 * `MsgId`) are kept exactly: they are turned into strings before `JSON.parse` by one linear scan that skips strings.
 */
export function parseJsonMessage(text: string): XmlObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(quoteLongIntegers(text));
  } catch {
    throw new JsonPushError('not well-formed JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new JsonPushError('not a JSON object');
  return toXmlObject(parsed as Record<string, unknown>, 0);
}

function toXmlObject(source: Record<string, unknown>, depth: number): XmlObject {
  if (depth > MAX_DEPTH) throw new JsonPushError('nested too deeply');
  const out: XmlObject = {};
  for (const [name, value] of Object.entries(source)) {
    const converted = toXmlValue(value, depth);
    if (converted !== undefined) out[name] = converted;
  }
  return out;
}

function toXmlValue(value: unknown, depth: number): XmlValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (depth + 1 > MAX_DEPTH) throw new JsonPushError('nested too deeply');
    return value.map((item) => toXmlValue(item, depth + 1) ?? '');
  }
  if (typeof value === 'object') return toXmlObject(value as Record<string, unknown>, depth + 1);
  return undefined;
}

// Doubles hold every integer of up to 15 digits exactly; longer ones are quoted.
const SAFE_DIGITS = 15;

/** Quotes integer literals longer than {@link SAFE_DIGITS} digits outside strings; one pass, no backtracking. */
function quoteLongIntegers(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      // Skip the string, escapes included.
      for (at++; at < text.length && text.charCodeAt(at) !== 0x22; at++) if (text.charCodeAt(at) === 0x5c) at++;
      continue;
    }
    if ((code >= 0x30 && code <= 0x39) || code === 0x2d) {
      let end = at + 1;
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      const next = end < text.length ? text.charCodeAt(end) : 0;
      const integer = next !== 0x2e && next !== 0x65 && next !== 0x45; // not a fraction or an exponent
      const digits = end - at - (code === 0x2d ? 1 : 0);
      if (integer && digits > SAFE_DIGITS) {
        out += `${text.slice(copied, at)}"${text.slice(at, end)}"`;
        copied = end;
      }
      at = end - 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
