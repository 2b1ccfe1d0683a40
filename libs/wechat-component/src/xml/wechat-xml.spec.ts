import xml2js from 'xml2js';
import { describe, expect, it } from 'vitest';
import { buildXml, DEFAULT_XML_LIMITS, extractEncrypt, numberOf, parseXml, textOf, XmlFormatError } from './wechat-xml.js';

// The general parser the flat one replaced, with the options it ran with: the reference for the shape of the result
// (a parser per document: one that failed may carry state into the next).
function parseWithXml2js(xml: string): unknown {
  const reference = new xml2js.Parser({ explicitArray: false, explicitRoot: false, ignoreAttrs: true, async: false });
  let result: unknown;
  let failed = false;
  try {
    reference.parseString(xml, (error: unknown, parsed: unknown) => {
      failed = Boolean(error);
      result = parsed;
    });
  } catch {
    failed = true;
  }
  return failed || result === null || typeof result !== 'object' ? 'refused' : result;
}
function parseFlat(xml: string): unknown {
  try {
    return parseXml(xml);
  } catch (error) {
    if (error instanceof XmlFormatError) return 'refused';
    throw error;
  }
}

/** A pseudo-random source with a seed, so a failing case can be replayed. */
function seeded(seed: number) {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  return { next, pick: <T>(items: readonly T[]) => items[next(items.length)]! };
}

/** What WeChat sends on both URLs, every shape of it: CDATA and bare fields, nesting, item lists, empty elements. */
const WECHAT_PUSHES = [
  '<xml><AppId><![CDATA[wx0123456789abcdef]]></AppId>\n<CreateTime>1413192605</CreateTime>\n<InfoType><![CDATA[component_verify_ticket]]></InfoType>\n<ComponentVerifyTicket><![CDATA[ticket@@@abc]]></ComponentVerifyTicket>\n</xml>',
  '<xml><AppId>wx0123456789abcdef</AppId><CreateTime>1413192760</CreateTime><InfoType>authorized</InfoType><AuthorizerAppid>wxf8b4f85f3a794e77</AuthorizerAppid><AuthorizationCode>code</AuthorizationCode><AuthorizationCodeExpiredTime>1413196360</AuthorizationCodeExpiredTime><PreAuthCode>pre</PreAuthCode></xml>',
  '<xml><AppId><![CDATA[wx0123456789abcdef]]></AppId><CreateTime>1535442403</CreateTime><InfoType><![CDATA[notify_third_fasteregister]]></InfoType><appid>wxbc</appid><status>0</status><auth_code>xxx</auth_code><msg>OK</msg><info><name><![CDATA[企业名称]]></name><code><![CDATA[1234]]></code><code_type>1</code_type><legal_persona_wechat><![CDATA[wx]]></legal_persona_wechat><legal_persona_name><![CDATA[张三]]></legal_persona_name><component_phone><![CDATA[1234567]]></component_phone></info></xml>',
  '<xml><ToUserName><![CDATA[gh_3d4]]></ToUserName>\n<FromUserName><![CDATA[oUser]]></FromUserName>\n<CreateTime>1348831860</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[this is a test\n第二行 <b>&amp; ]]]]><![CDATA[>]]></Content>\n<MsgId>1234567890123456</MsgId>\n</xml>',
  '<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o]]></FromUserName><CreateTime>1408090816</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[pic_sysphoto]]></Event><EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[2c]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>',
  '<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>1000001625</MsgID><Status><![CDATA[err(30003)]]></Status><TotalCount>0</TotalCount><CopyrightCheckResult><Count>2</Count><ResultList><item><ArticleIdx>1</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState><OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType><CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item><item><ArticleIdx>2</ArticleIdx></item></ResultList><CheckState>2</CheckState></CopyrightCheckResult><ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl><![CDATA[Url]]></ArticleUrl></item></ResultList></ArticleUrlResult></xml>',
  '<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[weapp_audit_success]]></Event><SuccTime>1488856741</SuccTime><Empty></Empty><Empty2/></xml>',
  '<?xml version="1.0" encoding="utf-8"?>\n<!-- a comment -->\n<xml><A x="1" y=\'a>b\'>v</A><B>&lt;&gt;&amp;&quot;&apos;&#65;&#x4e2d;</B></xml>\n',
];

/** A random document in WeChat's style: nested fields, repeated names, CDATA, entities, whitespace, comments. */
function randomDocument(random: ReturnType<typeof seeded>): string {
  const names = ['A', 'B', 'item', 'Content', 'x_y', 'n1', 'a.b', 'ns:t'];
  const texts = ['', ' ', 'v', '1 2', '\n\t', '中文', '&amp;', '&#65;', 'a &lt; b', ']]>', '>', '"\''];
  const text = () => random.pick(texts) + (random.next(4) === 0 ? random.pick(texts) : '');
  const leaf = () => (random.next(3) === 0 ? `<![CDATA[${random.pick(['x', ' y ', '<a>&amp;', ''])}]]>` : text());
  const element = (depth: number): string => {
    const name = random.pick(names);
    if (random.next(8) === 0) return `<${name}/>`;
    const attributes = random.next(6) === 0 ? ' k="1>2"' : '';
    if (depth >= 4 || random.next(2) === 0) return `<${name}${attributes}>${leaf()}${random.next(6) === 0 ? `<!--c-->${leaf()}` : ''}</${name}>`;
    const children = Array.from({ length: 1 + random.next(4) }, () => element(depth + 1) + random.pick(['', '\n', '  ']));
    return `<${name}${attributes}>${random.pick(['', '\n'])}${children.join('')}</${name}>`;
  };
  return `${random.pick(['', '<?xml version="1.0"?>', ' \n'])}<xml>${Array.from({ length: 1 + random.next(5) }, () => element(1)).join('')}</xml>`;
}

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

  it('parses every shape WeChat sends into what xml2js gave', () => {
    for (const push of WECHAT_PUSHES) expect(parseFlat(push), push).toEqual(parseWithXml2js(push));
    expect(textOf(parseXml(WECHAT_PUSHES[3]!), 'Content')).toBe('this is a test\n第二行 <b>&amp; ]]>');
    const pictures = parseXml(WECHAT_PUSHES[4]!).SendPicsInfo as { PicList: { item: unknown[] } };
    expect(pictures.PicList.item).toEqual([{ PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' }, { PicMd5Sum: '2c' }]);
  });

  it('agrees with xml2js on random well-formed documents', () => {
    const random = seeded(11);
    for (let i = 0; i < 3000; i++) {
      const xml = randomDocument(random);
      const flat = parseFlat(xml);
      expect(flat, xml).not.toBe('refused');
      expect(flat, xml).toEqual(parseWithXml2js(xml));
    }
  });

  it('refuses whatever xml2js refused, in random damaged documents (and where both accept, agrees)', () => {
    const random = seeded(5);
    const damage = ['<', '>', '/', '&', ';', '"', '<!', '<![CDATA[', ']]>', '</x>', '<x>', '&#', '&#x;', '?>', '<?', '-->', '<!--', ''];
    let refusedByBoth = 0;
    for (let i = 0; i < 5000; i++) {
      const xml = randomDocument(random);
      const at = random.next(xml.length);
      const damaged = xml.slice(0, at) + random.pick(damage) + xml.slice(at + random.next(3));
      const flat = parseFlat(damaged);
      const general = parseWithXml2js(damaged);
      if (general === 'refused') {
        expect(flat, damaged).toBe('refused');
        refusedByBoth++;
      } else if (flat !== 'refused') {
        expect(flat, damaged).toEqual(general);
      }
    }
    expect(refusedByBoth).toBeGreaterThan(1000); // the damage does break documents
  });

  it('keeps element names as data, even those of Object.prototype', () => {
    const node = parseXml('<xml><__proto__><polluted>1</polluted></__proto__><toString>2</toString><constructor>3</constructor></xml>');
    expect(Object.getPrototypeOf(node)).toBe(Object.prototype);
    expect(Object.keys(node)).toEqual(['__proto__', 'toString', 'constructor']);
    expect(node.toString).toBe('2');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses declarations, depth, size, unknown entities and broken documents', () => {
    const refusal = (xml: string, limits = DEFAULT_XML_LIMITS) => {
      try {
        parseXml(xml, limits);
      } catch (error) {
        expect(error).toBeInstanceOf(XmlFormatError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${JSON.stringify(xml)}`);
    };
    expect(refusal('<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><a>&x;</a></xml>')).toMatch(/declarations/);
    expect(refusal('<xml><!ENTITY x "y"><a>1</a></xml>')).toMatch(/declarations/);
    expect(refusal('<xml><a><!doctype x></a></xml>')).toMatch(/declarations/);
    expect(refusal('<xml><a>&x;</a></xml>')).toMatch(/unknown entity &x;/);
    expect(refusal('<xml><a>&#0;</a><b>&#xD800;</b></xml>')).toMatch(/unknown entity/);
    expect(refusal('<xml><a>&amp</a></xml>')).toMatch(/does not start an entity reference/);
    expect(refusal('<xml><a>a & b</a></xml>')).toMatch(/does not start an entity reference/);
    const nested = (depth: number) => '<a>'.repeat(depth) + '1' + '</a>'.repeat(depth);
    expect(parseXml(`<xml>${nested(DEFAULT_XML_LIMITS.maxDepth - 1)}</xml>`)).toBeTruthy();
    expect(refusal(`<xml>${nested(DEFAULT_XML_LIMITS.maxDepth)}</xml>`)).toMatch(/deeper than 16/);
    expect(refusal('<xml><a>1</a></xml>', { maxDepth: 16, maxLength: 10 })).toMatch(/longer than 10 characters/);
    for (const broken of [
      '',
      'not xml',
      '<xml><a>1</b></xml>',
      '<xml><a>1</a>',
      '<xml><a>1</a></xml><xml/>',
      '<xml><a>1</a></xml>junk',
      'junk<xml><a>1</a></xml>',
      '<xml><a><![CDATA[1</a></xml>',
      '<xml><a><!-- 1</a></xml>',
      '<xml><a>1</a><? </xml>',
      '<xml><1a>x</1a></xml>',
      '<xml><a$>x</a$></xml>',
      '<xml>< a>x</a></xml>',
      '<xml><a x="1>x</a></xml>',
      '<xml><a>1</ab></xml>',
      '<xml><a>1</a x></xml>',
      '</xml>',
      '<xml>text only</xml>',
      '<xml></xml>',
      '<xml/>',
      '<xml><!x></xml>',
      '<xml><_>1</_>text</xml>',
    ]) {
      expect(refusal(broken), broken).toMatch(/not well-formed/);
    }
  });

  it('parses crafted 1 MB documents in one pass (each refused or read, none slow)', () => {
    const size = DEFAULT_XML_LIMITS.maxLength;
    const fill = (head: string, unit: string, tail = '') => head + unit.repeat(Math.floor((size - head.length - tail.length) / unit.length)) + tail;
    const crafted = [
      fill('<xml>', '<a>'),
      fill('<xml>', '<a/>', '</xml>'),
      fill('<xml><a>', 'x<!---->', '&amp;</a></xml>'), // many text runs, one & at the end
      fill('<xml><a>', '&amp;&#65;', '</a></xml>'),
      fill('<xml><a>', '&amp;', '</a></xml>'),
      fill('<xml><a>', '&#x', '</a></xml>'),
      fill('<xml><a>', '<!--', '</a></xml>'),
      fill('<xml><a>', '<![CDATA['),
      fill('<xml><a>', ']]>', '</a></xml>'),
      fill('<xml><a>', '<?'),
      fill('<xml><a x="', '>'),
      fill('<xml><a ', 'x="1" '),
      fill('<xml><', 'a'),
      fill('<xml><a>1</', 'a'),
      fill('<xml>', '</'),
      fill('<xml>', '<!'),
      fill('<xml>', '<!DOCTYP'),
      fill('', ' '),
      fill('<xml><a>', ' ', '</a></xml>'),
      '<xml>' + Array.from({ length: 40_000 }, (_, i) => `<n${i}>${i}</n${i}>`).join('') + '</xml>',
    ];
    let read = 0;
    for (const xml of crafted) {
      expect(xml.length).toBeLessThanOrEqual(size);
      if (parseFlat(xml) !== 'refused') read++;
    }
    expect(read).toBeGreaterThanOrEqual(5);
  });

  it('reads 8 MB of short text runs with one & at the end in one pass (a search per run would read it 500,000 times)', () => {
    const size = 8 << 20;
    const runs = Math.floor((size - 30) / 16);
    const xml = `<xml><a>${'x<!---->y<b/>zz'.repeat(runs)}&amp;</a></xml>`;
    const node = parseXml(xml, { maxDepth: 16, maxLength: size }) as { a: { _: string; b: string[] } };
    expect(node.a.b).toHaveLength(runs);
    expect(node.a._.endsWith('xyzz&')).toBe(true);
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
