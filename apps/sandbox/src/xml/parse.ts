/** A parsed element: text, nested elements, or a list when a name repeats. */
export type XmlValue = string | XmlObject | XmlValue[];

/** Child elements by name. */
export interface XmlObject {
  [name: string]: XmlValue;
}

/** Raised for XML the parser cannot read. */
export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/**
 * A small, strict parser for the message XML WeChat and platforms exchange: elements, text, CDATA, entities;
 * attributes, comments, processing instructions and the declaration are skipped. Returns the root element's
 * children (e.g. `{ ToUserName: 'gh_…', Encrypt: '…' }` for `<xml>…</xml>`).
 * @throws XmlParseError on malformed input.
 */
export function parseXml(input: string): XmlObject {
  let pos = 0;
  const startTag = /<([A-Za-z_][\w.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  const fail = (what: string): never => {
    throw new XmlParseError(`${what} at offset ${pos}`);
  };

  const skipMisc = (): void => {
    for (;;) {
      while (pos < input.length && /\s/.test(input[pos]!)) pos++;
      if (input.startsWith('<?', pos)) {
        const end = input.indexOf('?>', pos);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (input.startsWith('<!--', pos)) {
        const end = input.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else return;
    }
  };

  const readElement = (): { name: string; value: XmlValue } => {
    if (input[pos] !== '<') fail('expected an element');
    startTag.lastIndex = pos;
    const open = startTag.exec(input);
    if (!open) return fail('malformed start tag');
    const name = open[1]!;
    pos += open[0].length;
    if (open[3] === '/') return { name, value: '' };
    let text = '';
    const children: XmlObject = {};
    let hasChildren = false;
    for (;;) {
      if (pos >= input.length) fail(`unterminated element <${name}>`);
      if (input.startsWith('<![CDATA[', pos)) {
        const end = input.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA');
        text += input.slice(pos + 9, end);
        pos = end + 3;
      } else if (input.startsWith('<!--', pos)) {
        const end = input.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (input.startsWith('</', pos)) {
        const close = `</${name}`;
        if (!input.startsWith(close, pos)) fail(`mismatched end tag for <${name}>`);
        pos += close.length;
        while (/\s/.test(input[pos] ?? '')) pos++;
        if (input[pos] !== '>') fail('malformed end tag');
        pos++;
        if (!hasChildren) return { name, value: text };
        return { name, value: children };
      } else if (input[pos] === '<') {
        const child = readElement();
        hasChildren = true;
        const existing = children[child.name];
        if (existing === undefined) children[child.name] = child.value;
        // Only repetition makes arrays: leaves are strings and parents are objects.
        else if (Array.isArray(existing)) existing.push(child.value);
        else children[child.name] = [existing, child.value];
      } else {
        const next = input.indexOf('<', pos);
        if (next < 0) fail(`unterminated element <${name}>`);
        text += decodeEntities(input.slice(pos, next));
        pos = next;
      }
    }
  };

  skipMisc();
  const root = readElement();
  skipMisc();
  if (pos !== input.length) fail('content after the root element');
  if (typeof root.value === 'string') return {};
  if (Array.isArray(root.value)) return fail('unexpected root');
  return root.value;
}

/** A child's text, or undefined when absent or not text. */
export function textOf(node: XmlObject, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' ? value : undefined;
}
