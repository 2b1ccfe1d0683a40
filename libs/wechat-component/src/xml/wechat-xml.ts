/** A parsed XML element: text, or child elements by name (repeated names become arrays). */
export type XmlValue = string | XmlObject | XmlValue[];
/** The children of an XML element, by name. */
export interface XmlObject {
  [name: string]: XmlValue;
}

/** Thrown when a push body is not the simple XML WeChat sends. */
export class XmlFormatError extends Error {}

/** What {@link parseXml} accepts at most. */
export interface XmlLimits {
  /** Elements open at once, the root included. WeChat's deepest pushes nest four or five levels. */
  readonly maxDepth: number;
  /** Characters of the whole document. */
  readonly maxLength: number;
}

/** The limits of {@link parseXml} unless told otherwise: far above anything WeChat sends. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 16, maxLength: 1 << 20 };

const ENCRYPT_OPEN = '<Encrypt>';
const ENCRYPT_CLOSE = '</Encrypt>';
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';
// An entity reference longer than this (`&#x10FFFF;` is the longest valid one) is not one.
const MAX_ENTITY_LENGTH = 10;
const GT = 0x3e;
const SLASH = 0x2f;
const SEMICOLON = 0x3b;
const HASH = 0x23;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const TEXT_KEY = '_';

/** An element being read: its name, its text so far, its children (once it has any). */
interface OpenElement {
  readonly name: string;
  text: string;
  children: XmlObject | undefined;
}

/**
 * Parses WeChat's flat XML (`<xml><Field><![CDATA[…]]></Field>…</xml>`) into an object of strings — the shape xml2js
 * gives with `explicitArray: false, explicitRoot: false, ignoreAttrs: true`: the root's children by name, text as
 * it is (CDATA and entity references resolved, whitespace kept), nested elements as objects, a repeated name as an
 * array, an empty element as `''`, the text of an element that also has children under `_`. Attributes, comments
 * and the XML declaration are skipped.
 *
 * One forward pass over the input, no backtracking and no recursion: every character is looked at a bounded number
 * of times, so a crafted body costs what its length costs. Refused with {@link XmlFormatError}: document type and
 * entity declarations (nothing is ever expanded beyond the five predefined entities and character references),
 * more than `limits.maxDepth` nested elements, more than `limits.maxLength` characters, and anything not
 * well-formed (unclosed or mismatched tags, a second root, text outside the root, unknown entities).
 */
export function parseXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlObject {
  if (xml.length > limits.maxLength) throw new XmlFormatError(`XML is longer than ${limits.maxLength} characters`);
  const open: OpenElement[] = [];
  const ampersands = new AmpersandCursor(xml);
  let root: XmlValue | undefined;
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > at) {
      const top = open[open.length - 1];
      if (top) top.text += decodeText(xml, at, textEnd, ampersands);
      else if (!isBlank(xml, at, textEnd)) throw broken('text outside the root element');
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === SLASH) {
      const element = open.pop();
      if (!element) throw broken('a closing tag without an opening one');
      at = closingTagEnd(xml, lt + 2, element.name);
      const value = valueOf(element);
      const parent = open[open.length - 1];
      if (parent) addChild(parent, element.name, value);
      else root = value;
    } else if (xml.startsWith(CDATA_OPEN, lt)) {
      const top = open[open.length - 1];
      if (!top) throw broken('CDATA outside the root element');
      const end = xml.indexOf(CDATA_CLOSE, lt + CDATA_OPEN.length);
      if (end < 0) throw broken('an unterminated CDATA section');
      top.text += xml.slice(lt + CDATA_OPEN.length, end);
      at = end + CDATA_CLOSE.length;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw broken('an unterminated comment');
      at = end + 3;
    } else if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw broken('an unterminated processing instruction');
      at = end + 2;
    } else if (next === 0x21 /* ! */) {
      if (asciiWordAt(xml, lt + 2, 'doctype') || asciiWordAt(xml, lt + 2, 'entity')) throw declarationsRefused();
      throw broken('markup that is not an element');
    } else {
      if (root !== undefined) throw broken('a second root element');
      const nameEnd = nameEndAt(xml, lt + 1);
      if (nameEnd === lt + 1) throw broken('a tag without a name');
      const name = xml.slice(lt + 1, nameEnd);
      const tagEnd = tagEndAt(xml, nameEnd);
      if (xml.charCodeAt(tagEnd - 1) === SLASH) {
        // `<Name/>` (attributes, if any, before the slash): an empty element.
        const parent = open[open.length - 1];
        if (parent) addChild(parent, name, '');
        else root = '';
      } else {
        if (open.length >= limits.maxDepth) throw new XmlFormatError(`XML nests deeper than ${limits.maxDepth} elements`);
        open.push({ name, text: '', children: undefined });
      }
      at = tagEnd + 1;
    }
  }
  if (open.length > 0) throw broken(`<${open[open.length - 1]!.name}> is not closed`);
  if (root === undefined) throw broken('no root element');
  if (typeof root !== 'object' || Array.isArray(root)) throw broken('the root element has no child elements');
  return root;
}

/** The value of a closed element: its text when it has no children, else its children (with non-blank text as `_`). */
function valueOf(element: OpenElement): XmlValue {
  if (element.children === undefined) return element.text;
  if (element.text !== '' && !isBlank(element.text, 0, element.text.length)) {
    if (Object.hasOwn(element.children, TEXT_KEY)) throw broken(`<${element.name}> mixes text with an element named ${TEXT_KEY}`);
    element.children[TEXT_KEY] = element.text;
  }
  return element.children;
}

/** Adds a child value under `name`: the first as it is, a repeated name as an array of every value in order. */
function addChild(parent: OpenElement, name: string, value: XmlValue): void {
  const children = (parent.children ??= {});
  if (!Object.hasOwn(children, name)) {
    // `__proto__` as a plain assignment would set the object's prototype: keep it as data like any other name.
    if (name === '__proto__') Object.defineProperty(children, name, { value, enumerable: true, writable: true, configurable: true });
    else children[name] = value;
    return;
  }
  const existing = children[name]!;
  // Only repetition makes arrays (leaves are strings and parents are objects), so an array here is one we made.
  if (Array.isArray(existing)) existing.push(value);
  else children[name] = [existing, value];
}

/** The index just past `</name` + optional whitespace + `>`, starting right after `</`. */
function closingTagEnd(xml: string, from: number, name: string): number {
  if (!xml.startsWith(name, from) || isNameChar(xml.charCodeAt(from + name.length))) throw broken(`a closing tag that does not match <${name}>`);
  const gt = skipWhitespace(xml, from + name.length);
  if (xml.charCodeAt(gt) !== GT) throw broken(`a malformed closing tag of <${name}>`);
  return gt + 1;
}

/** The index just past the element name starting at `from` (`from` itself when there is none). */
function nameEndAt(xml: string, from: number): number {
  if (!isNameStart(xml.charCodeAt(from))) return from;
  let at = from + 1;
  while (at < xml.length && isNameChar(xml.charCodeAt(at))) at++;
  return at;
}

/**
 * The index of the `>` (or of the `/` of `/>`) ending a start tag whose name ends at `from`. Attributes are checked
 * for their form (`name="value"` or `name='value'`, a quoted value may hold `>`) and skipped, never kept.
 */
function tagEndAt(xml: string, from: number): number {
  let at = from;
  for (;;) {
    const afterSpace = skipWhitespace(xml, at);
    const code = xml.charCodeAt(afterSpace);
    if (code === GT) return afterSpace;
    if (code === SLASH) {
      if (xml.charCodeAt(afterSpace + 1) !== GT) break;
      return afterSpace + 1;
    }
    // An attribute: only after whitespace.
    if (afterSpace === at || !isNameStart(code)) break;
    at = skipWhitespace(xml, nameEndAt(xml, afterSpace));
    if (xml.charCodeAt(at) !== EQUALS) break;
    at = skipWhitespace(xml, at + 1);
    const quote = xml.charCodeAt(at);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) break;
    const end = xml.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", at + 1);
    if (end < 0) break;
    at = end + 1;
  }
  throw broken('a malformed start tag');
}

/**
 * The next `&` at or after a position, remembered: text runs are decoded in order, and a search starts only past
 * the last `&` found, so all the searches together read the document once (searching from each text run to the next
 * `&`, wherever it is, would read the rest of the document once per run).
 */
class AmpersandCursor {
  private found = -1;

  constructor(private readonly xml: string) {}

  /** The index of the first `&` at or after `from`; the document's length when there is none. */
  next(from: number): number {
    if (this.found < from) {
      const at = this.xml.indexOf('&', from);
      this.found = at < 0 ? this.xml.length : at;
    }
    return this.found;
  }
}

/** The text between `from` and `to`, entity and character references resolved. */
function decodeText(xml: string, from: number, to: number, ampersands: AmpersandCursor): string {
  let amp = ampersands.next(from);
  if (amp >= to) return xml.slice(from, to);
  let text = '';
  let at = from;
  while (amp < to) {
    const limit = Math.min(to, amp + 1 + MAX_ENTITY_LENGTH);
    let end = amp + 1;
    while (end < limit && xml.charCodeAt(end) !== SEMICOLON) end++;
    if (end >= limit) throw broken('an & that does not start an entity reference');
    text += xml.slice(at, amp) + resolveEntity(xml.slice(amp + 1, end));
    at = end + 1;
    amp = ampersands.next(at);
  }
  return text + xml.slice(at, to);
}

function resolveEntity(name: string): string {
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  if (name.charCodeAt(0) === HASH) {
    const hex = name.charCodeAt(1) === 0x78; /* x */
    const digits = name.slice(hex ? 2 : 1);
    if (digits !== '' && (hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) {
      const code = Number.parseInt(digits, hex ? 16 : 10);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
    }
  }
  throw broken(`an unknown entity &${name};`);
}

function broken(what: string): XmlFormatError {
  return new XmlFormatError(`body is not well-formed XML: ${what}`);
}

function declarationsRefused(): XmlFormatError {
  return new XmlFormatError('XML declarations of entities or document types are not allowed');
}

// XML names, loosely: ASCII letters, `_` and `:` first, then also digits, `-` and `.`; anything beyond ASCII.
function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a || code >= 0x80;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e;
}

/** Whether `text[from, to)` is whitespace only. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
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
      throw declarationsRefused();
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
