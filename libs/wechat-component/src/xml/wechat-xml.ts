import xml2js from 'xml2js';

/** A parsed XML element: text, or child elements by name (repeated names become arrays). */
export type XmlValue = string | XmlObject | XmlValue[];
/** The children of an XML element, by name. */
export interface XmlObject {
  [name: string]: XmlValue;
}

/** Thrown when a push body is not the simple XML WeChat sends. */
export class XmlFormatError extends Error {}

const ENCRYPT_OPEN = '<Encrypt>';
const ENCRYPT_CLOSE = '</Encrypt>';
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

// One parser, reused: xml2js parses synchronously and resets itself at the start of every document.
const parser = new xml2js.Parser({ explicitArray: false, explicitRoot: false, ignoreAttrs: true, async: false });

/**
 * Parses WeChat's flat XML (`<xml><Field><![CDATA[…]]></Field>…</xml>`) into an object of strings.
 * Document type and entity declarations are refused outright (no entity expansion, no external entities).
 */
export function parseXml(xml: string): XmlObject {
  refuseDeclarations(xml);
  let result: unknown;
  let failure: unknown;
  parser.parseString(xml, (error: unknown, parsed: unknown) => {
    failure = error;
    result = parsed;
  });
  if (failure || result === null || typeof result !== 'object') throw new XmlFormatError('body is not well-formed XML');
  return result as XmlObject;
}

/**
 * Reads the `Encrypt` element of a push envelope without a full parse (the envelope is tiny and fixed; the costly
 * parse is kept for the decrypted message). Returns undefined when the body is not such an envelope.
 *
 * This runs on unsigned bytes (the signature covers the value it returns), so it is a single forward scan: a few
 * `indexOf`s and one pass over the value, never a backtracking pattern. Only the first `<Encrypt>` counts (WeChat
 * sends one); its content is `<![CDATA[…]]>` or bare text, with whitespace around either.
 */
export function extractEncrypt(envelope: string): string | undefined {
  refuseDeclarations(envelope);
  if (!envelope.trimStart().startsWith('<xml')) return undefined;
  const open = envelope.indexOf(ENCRYPT_OPEN);
  if (open < 0) return undefined;
  let at = skipWhitespace(envelope, open + ENCRYPT_OPEN.length);
  let value: string;
  if (envelope.startsWith(CDATA_OPEN, at)) {
    const start = at + CDATA_OPEN.length;
    const end = envelope.indexOf(CDATA_CLOSE, start);
    if (end < 0) return undefined;
    value = envelope.slice(start, end);
    // No base64 text holds "]": one inside means the section is not a plain value (or hides another "]]>").
    if (value.includes(']')) return undefined;
    at = skipWhitespace(envelope, end + CDATA_CLOSE.length);
  } else {
    const end = envelope.indexOf('<', at);
    if (end < 0) return undefined;
    value = envelope.slice(at, end);
    at = end;
  }
  if (!envelope.startsWith(ENCRYPT_CLOSE, at)) return undefined;
  value = value.trim();
  return value ? value : undefined;
}

/**
 * Refuses document type and entity declarations anywhere in `xml` (no entity expansion, no external entities).
 * One pass: each `<!` is looked at once, with a fixed-length comparison that allocates nothing.
 */
function refuseDeclarations(xml: string): void {
  for (let at = xml.indexOf('<!'); at >= 0; at = xml.indexOf('<!', at + 2)) {
    if (asciiWordAt(xml, at + 2, 'doctype') || asciiWordAt(xml, at + 2, 'entity')) {
      throw new XmlFormatError('XML declarations of entities or document types are not allowed');
    }
  }
}

/** Whether `lowercaseWord` (ASCII letters) is at `at` in `text`, in any letter case. */
function asciiWordAt(text: string, at: number, lowercaseWord: string): boolean {
  if (at + lowercaseWord.length > text.length) return false;
  for (let i = 0; i < lowercaseWord.length; i++) {
    // Setting bit 0x20 lowercases an ASCII letter, and turns no other character into one.
    if ((text.charCodeAt(at + i) | 0x20) !== lowercaseWord.charCodeAt(i)) return false;
  }
  return true;
}

/** The index of the first non-whitespace character at or after `from` (the string's length when there is none). */
function skipWhitespace(text: string, from: number): number {
  let at = from;
  while (at < text.length && isWhitespace(text.charCodeAt(at))) at++;
  return at;
}

// The characters String.prototype.trim removes (and \s matches): ASCII and Unicode spaces, line terminators, BOM.
function isWhitespace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Reads a text child, or undefined when absent or not text. */
export function textOf(node: XmlObject, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a numeric child (WeChat sends CreateTime bare, some timestamps in CDATA). */
export function numberOf(node: XmlObject, name: string): number | undefined {
  const text = textOf(node, name)?.trim();
  if (!text) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** A value {@link buildXml} can render: strings become CDATA, numbers stay bare, arrays repeat `item`. */
export type XmlInput = string | number | XmlInputObject | XmlInput[];
/** The children to render, by element name; undefined children are skipped. */
export interface XmlInputObject {
  [name: string]: XmlInput | undefined;
}

/** Renders `<xml>…</xml>` the way WeChat writes it: strings in CDATA, numbers bare, arrays as `<item>` lists. */
export function buildXml(root: XmlInputObject): string {
  return `<xml>${renderChildren(root)}</xml>`;
}

function renderChildren(node: XmlInputObject): string {
  let out = '';
  for (const [name, value] of Object.entries(node)) {
    if (value !== undefined) out += `<${name}>${renderValue(value)}</${name}>`;
  }
  return out;
}

function renderValue(value: XmlInput): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return cdata(value);
  if (Array.isArray(value)) return value.map((item) => `<item>${renderValue(item)}</item>`).join('');
  return renderChildren(value);
}

function cdata(text: string): string {
  // "]]>" cannot appear inside CDATA: split it across two sections.
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
