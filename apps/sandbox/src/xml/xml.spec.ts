import { describe, expect, it } from 'vitest';
import { buildWeChatXml, cdata } from './build.js';
import { parseXml, textOf, XmlParseError } from './parse.js';

describe('buildWeChatXml', () => {
  it('renders WeChat’s exact layout: CDATA strings, bare numbers, one element per line', () => {
    expect(
      buildWeChatXml({ AppId: 'wx761e7856cd618a26', CreateTime: 1606450699, InfoType: 'component_verify_ticket', ComponentVerifyTicket: 'ticket@@@x' }),
    ).toBe(
      '<xml><AppId><![CDATA[wx761e7856cd618a26]]></AppId>\n<CreateTime>1606450699</CreateTime>\n<InfoType><![CDATA[component_verify_ticket]]></InfoType>\n<ComponentVerifyTicket><![CDATA[ticket@@@x]]></ComponentVerifyTicket>\n</xml>',
    );
  });
  it('nests objects and protects ]]>', () => {
    expect(buildWeChatXml({ info: { name: 'a', code_type: 1 } })).toBe('<xml><info>\n<name><![CDATA[a]]></name>\n<code_type>1</code_type>\n</info>\n</xml>');
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(parseXml(`<xml><C>${cdata('a]]>b')}</C></xml>`)).toEqual({ C: 'a]]>b' });
  });
});

describe('parseXml', () => {
  it('reads CDATA, bare text, entities, nesting and repetition', () => {
    const xml = `<?xml version="1.0"?>\n<xml>\n  <ToUserName><![CDATA[gh_1]]></ToUserName>\n  <CreateTime>123</CreateTime>\n  <Content>a &lt;b&gt; &amp; &#20013;</Content>\n  <!-- note -->\n  <Articles><item><Title>t1</Title></item><item><Title>t2</Title></item></Articles>\n  <Empty/>\n  <Attr a="1">x</Attr>\n</xml>`;
    const parsed = parseXml(xml);
    expect(parsed).toEqual({
      ToUserName: 'gh_1',
      CreateTime: '123',
      Content: 'a <b> & 中',
      Articles: { item: [{ Title: 't1' }, { Title: 't2' }] },
      Empty: '',
      Attr: 'x',
    });
    expect(textOf(parsed, 'ToUserName')).toBe('gh_1');
    expect(textOf(parsed, 'Articles')).toBeUndefined();
  });
  it.each(['', 'success', '{"a":1}', '<xml><a></b></xml>', '<xml><a>', '<xml></xml>trailing', '<xml><a><![CDATA[x</a></xml>'])(
    'rejects %j',
    (bad) => {
      expect(() => parseXml(bad)).toThrow(XmlParseError);
    },
  );
});
