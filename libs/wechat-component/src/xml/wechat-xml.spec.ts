import { describe, expect, it } from 'vitest';
import { buildXml, extractEncrypt, numberOf, parseXml, textOf, XmlFormatError } from './wechat-xml.js';

describe('wechat xml', () => {
  it('parses CDATA and bare fields, keeping inner newlines', () => {
    const node = parseXml(
      '<xml><AppId><![CDATA[wx1]]></AppId>\n<CreateTime>1413192605</CreateTime>\n<Content><![CDATA[a\nb]]></Content><Empty></Empty></xml>',
    );
    expect(textOf(node, 'AppId')).toBe('wx1');
    expect(numberOf(node, 'CreateTime')).toBe(1413192605);
    expect(textOf(node, 'Content')).toBe('a\nb');
    expect(textOf(node, 'Empty')).toBe('');
  });

  it('parses nested elements', () => {
    const node = parseXml('<xml><info><name><![CDATA[企业]]></name><code_type>1</code_type></info></xml>');
    expect(node.info).toEqual({ name: '企业', code_type: '1' });
  });

  it('refuses entity and doctype declarations and broken XML', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><xml>&a;</xml>')).toThrow(XmlFormatError);
    expect(() => parseXml('<xml><a></xml>')).toThrow(XmlFormatError);
    expect(() => parseXml('not xml')).toThrow(XmlFormatError);
    expect(() => extractEncrypt('<!DOCTYPE x><xml><Encrypt>abc</Encrypt></xml>')).toThrow(XmlFormatError);
  });

  it('extracts Encrypt with or without CDATA and ignores its siblings', () => {
    expect(extractEncrypt('<xml><AppId><![CDATA[wx1]]></AppId><Encrypt><![CDATA[ab+/=]]></Encrypt></xml>')).toBe('ab+/=');
    expect(extractEncrypt('<xml>\n  <ToUserName>gh</ToUserName>\n  <Encrypt>abc</Encrypt>\n</xml>')).toBe('abc');
    expect(extractEncrypt('<xml><Encrypt></Encrypt></xml>')).toBeUndefined();
    expect(extractEncrypt('{"Encrypt":"abc"}')).toBeUndefined();
  });

  it('extracts Encrypt with whitespace around the value or its CDATA section, and refuses what is not a plain value', () => {
    expect(extractEncrypt('  \n<xml>\n<Encrypt>\n\t<![CDATA[abc]]>\r\n</Encrypt></xml>')).toBe('abc');
    expect(extractEncrypt('<xml><Encrypt><![CDATA[ abc ]]></Encrypt></xml>')).toBe('abc');
    expect(extractEncrypt('<xml><Encrypt>  abc\n</Encrypt></xml>')).toBe('abc');
    expect(extractEncrypt('<xml><Encrypt><![CDATA[a]b]]></Encrypt></xml>')).toBeUndefined();
    expect(extractEncrypt('<xml><Encrypt><![CDATA[abc]]>x</Encrypt></xml>')).toBeUndefined();
    expect(extractEncrypt('<xml><Encrypt>a<b/></Encrypt></xml>')).toBeUndefined();
    expect(extractEncrypt('<xml><Encrypt><![CDATA[abc</Encrypt></xml>')).toBeUndefined();
    expect(extractEncrypt('<xml><Encrypt>abc')).toBeUndefined();
    expect(() => extractEncrypt('<xml><!entity x "y"><Encrypt>abc</Encrypt></xml>')).toThrow(XmlFormatError);
    expect(extractEncrypt('<xml><!ENTIT<Encrypt>abc</Encrypt></xml>')).toBe('abc');
  });

  it('reads an envelope holding one Encrypt exactly as the former pattern did (random envelopes)', () => {
    // The pattern this scan replaced: right on every envelope, but cubic on crafted whitespace.
    const former = /<Encrypt>\s*(?:<!\[CDATA\[([^\]]*)\]\]>|([^<]*))\s*<\/Encrypt>/;
    const formerExtract = (body: string) => {
      const match = former.exec(body);
      return (match?.[1] ?? match?.[2])?.trim() || undefined;
    };
    const parts = ['<![CDATA[', ']]>', ']', '<', '</Encrypt>', ' ', '\n', '\u3000', 'ab+/=', 'x', '</xml>', '<b>'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const piece = () => Array.from({ length: random(5) }, () => parts[random(parts.length)]).join('');
    const space = () => [' ', '\n', '\t', '\u3000', ''][random(5)]!.repeat(random(3));
    const either = (a: () => string, b: () => string) => (random(2) ? a() : b());
    let values = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = either(() => `<![CDATA[${piece()}]]>`, piece);
      const body = `<xml>${piece()}<Encrypt>${space()}${value}${space()}${either(() => '</Encrypt>', piece)}${piece()}`;
      const former = formerExtract(body);
      expect(extractEncrypt(body), JSON.stringify(body)).toBe(former);
      if (former) values++;
    }
    expect(values).toBeGreaterThan(2000); // the comparison covers envelopes that hold a value, not only refusals
  });

  it('answers crafted 64 KB envelopes in one pass (whitespace runs, openers, runs of < and ]], unended CDATA)', () => {
    const size = 65_536;
    const fill = (head: string, unit: string, tail = '') => head + unit.repeat(Math.ceil((size - head.length - tail.length) / unit.length)) + tail;
    const crafted = [
      fill('<xml><Encrypt>', ' '),
      fill('<xml><Encrypt>', '\t\n', 'x<'),
      fill('<xml><Encrypt>', ' ', '<![CDATA[x'),
      fill('<xml><Encrypt>  <![CDATA[', ' '),
      fill('<xml>', '<Encrypt>'),
      fill('<xml>', '<Encrypt><![CDATA['),
      fill('<xml><Encrypt>', '<'),
      fill('<xml><Encrypt><![CDATA[', ']]'),
      fill('<xml><Encrypt><![CDATA[', 'A'),
      fill('<xml><Encrypt>', ' </Encrypt'),
      fill('<xml>', '<!'),
      fill('<xml>', '<!DOCTYP'),
      fill('', ' '),
    ];
    for (const body of crafted) expect(extractEncrypt(body)).toBeUndefined();
    expect(extractEncrypt(fill('<xml><Encrypt>', ' ', 'abc</Encrypt></xml>'))).toBe('abc');
    expect(() => extractEncrypt(fill('<xml>', '<!DOCTYP', '<!DOCTYPE'))).toThrow(XmlFormatError);
  });

  it('builds WeChat-style XML with CDATA strings, bare numbers and item lists', () => {
    expect(
      buildXml({ ToUserName: 'u', CreateTime: 12, Articles: [{ Title: 't]]>x' }], Skip: undefined }),
    ).toBe(
      '<xml><ToUserName><![CDATA[u]]></ToUserName><CreateTime>12</CreateTime>' +
        '<Articles><item><Title><![CDATA[t]]]]><![CDATA[>x]]></Title></item></Articles></xml>',
    );
    expect(parseXml(buildXml({ Title: 'a]]>b' })).Title).toBe('a]]>b');
  });
});
