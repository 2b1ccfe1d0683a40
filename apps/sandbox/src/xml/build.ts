/** A value in WeChat's XML: strings become CDATA, numbers (and 64-bit ids as bigint) stay bare, objects nest. */
export type XmlFieldValue = string | number | bigint | XmlFields;

/** Ordered element name → value (insertion order is element order). */
export interface XmlFields {
  [name: string]: XmlFieldValue;
}

/** Wraps text in CDATA, splitting any `]]>` so it survives. */
export function cdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

function element(name: string, value: XmlFieldValue): string {
  if (typeof value === 'number' || typeof value === 'bigint') return `<${name}>${value}</${name}>`;
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  return `<${name}>\n${elements(value)}\n</${name}>`;
}

function elements(fields: XmlFields): string {
  return Object.entries(fields)
    .map(([name, value]) => element(name, value))
    .join('\n');
}

/**
 * Renders a message the way WeChat's servers do: `<xml>` immediately followed by the first element, one element
 * per line, strings in CDATA, numbers bare, then `\n</xml>` (reference §2.1, §3.1).
 */
export function buildWeChatXml(fields: XmlFields): string {
  return `<xml>${elements(fields)}\n</xml>`;
}
