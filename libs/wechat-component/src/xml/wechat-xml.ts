import xml2js from 'xml2js';

/** A parsed XML element: text, or child elements by name (repeated names become arrays). */
export type XmlValue = string | XmlObject | XmlValue[];
/** The children of an XML element, by name. */
export interface XmlObject {
  [name: string]: XmlValue;
}

/** Thrown when a push body is not the simple XML WeChat sends. */
export class XmlFormatError extends Error {}

const DECLARATIONS = /<!(DOCTYPE|ENTITY)/i;
const ENCRYPT = /<Encrypt>\s*(?:<!\[CDATA\[([^\]]*)\]\]>|([^<]*))\s*<\/Encrypt>/;

// One parser, reused: xml2js parses synchronously and resets itself at the start of every document.
const parser = new xml2js.Parser({ explicitArray: false, explicitRoot: false, ignoreAttrs: true, async: false });

/**
 * Parses WeChat's flat XML (`<xml><Field><![CDATA[…]]></Field>…</xml>`) into an object of strings.
 * Document type and entity declarations are refused outright (no entity expansion, no external entities).
 */
export function parseXml(xml: string): XmlObject {
  if (DECLARATIONS.test(xml)) throw new XmlFormatError('XML declarations of entities or document types are not allowed');
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
 */
export function extractEncrypt(envelope: string): string | undefined {
  if (DECLARATIONS.test(envelope)) throw new XmlFormatError('XML declarations of entities or document types are not allowed');
  if (!envelope.trimStart().startsWith('<xml')) return undefined;
  const match = ENCRYPT.exec(envelope);
  const value = (match?.[1] ?? match?.[2])?.trim();
  return value ? value : undefined;
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
