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
