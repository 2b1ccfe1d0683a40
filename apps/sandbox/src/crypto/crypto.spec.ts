import { describe, expect, it } from 'vitest';
import { decodeEncodingAESKey } from './aes-key.js';
import { decryptFrame, encryptFrame } from './cipher.js';
import { replyEnvelope } from './envelopes.js';
import { MessageCrypto, MessageCryptoError } from './message-crypto.js';
import { pkcs7Pad, pkcs7Unpad } from './pkcs7.js';
import { signaturesEqual, sortedSha1 } from './signature.js';

// Official vectors, reference §4.6 (and §4.1, §4.3).
const KEY_A = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('EncodingAESKey', () => {
  it('decodes key A to the documented key (IV = first 16 bytes)', () => {
    const key = decodeEncodingAESKey(KEY_A);
    expect(key.toString('hex')).toBe('69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051');
    expect(key.subarray(0, 16).toString('hex')).toBe('69b71d79f8218a39259a7a29aabb2dba');
  });
  it('decodes 43×A to 32 zero bytes', () => {
    expect(decodeEncodingAESKey('A'.repeat(43)).equals(Buffer.alloc(32))).toBe(true);
  });
  it.each(['short', `${KEY_A}x`, `${KEY_A.slice(0, 42)}+`])('rejects %s', (bad) => {
    expect(() => decodeEncodingAESKey(bad)).toThrow(RangeError);
  });
});

describe('PKCS#7 with 32-byte blocks', () => {
  it('pads 1..32 bytes and a whole block when aligned', () => {
    expect(pkcs7Pad(Buffer.alloc(31)).length).toBe(32);
    expect(pkcs7Pad(Buffer.alloc(32)).subarray(32).equals(Buffer.alloc(32, 32))).toBe(true);
    expect(pkcs7Unpad(pkcs7Pad(Buffer.from('abc'))).toString()).toBe('abc');
  });
  it('is strict', () => {
    const padded = pkcs7Pad(Buffer.from('abc'));
    expect(() => pkcs7Unpad(padded.subarray(0, 16))).toThrow(RangeError);
    const zero = Buffer.from(padded);
    zero[31] = 0;
    expect(() => pkcs7Unpad(zero)).toThrow(/pad value/);
    const big = Buffer.from(padded);
    big[31] = 33;
    expect(() => pkcs7Unpad(big)).toThrow(/pad value/);
    const mixed = Buffer.from(padded);
    mixed[30] = 1;
    expect(() => pkcs7Unpad(mixed)).toThrow(/padding bytes/);
  });
});

describe('signatures (§4.3)', () => {
  it('matches the official examples', () => {
    expect(sortedSha1('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
    expect(sortedSha1('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
  });
  it('compares in constant time and handles length mismatch', () => {
    expect(signaturesEqual('abc', 'abc')).toBe(true);
    expect(signaturesEqual('abc', 'abd')).toBe(false);
    expect(signaturesEqual('abc', 'ab')).toBe(false);
  });
});

describe('vector S — the official demo output', () => {
  const encrypt =
    'pxag5tXTykU8e/c7vcay4idu9UP/D3KeDON7EaM6/g5cNyWdeAZYIEEo18u64hxWu6CJ4Na5tSD/CV5GXR5Yb9WAFVALvcz3HVQkONqymIopu10hDrmdwz2bQUryq1GTnPyiE8/hvAiXLSPoQEWKWPHpUS0Jl6zy/fToIAZHDZem7X/nsFYdAa5InhLgTHSDADgHSK9MBIOysDI+Y+sPrcErEv4OGMkiRhB/evsx1DT7hxOu4sEi8KG6rSSnJDy9ZqgajWWOeK4BrqVF9s+QxhTfMjWEfjQ0Scq7bH/tLSzyyDbADyQ8WKMW0MjGbY+nsNw4nHL0c8HXwnzaNgXjfFml25m/LcGyxj1En3B5U5LPm6ycSG5SMXL4DxH3611EIHsNtFqFk8lO+jmrDkwgX5Ktj8zSw+EgzJ9fUQa8fJdGua9B425GI7Wd4LemtSMcNYHUmMHItYqQ4f8+YbNdNF3ficCSXyzSkhafEQK3jivvJc6fS3JdOQ01rNM9Z/8OsjpZbBvSgNM9Z79VzN6DfVom9AftDUr+dr5TSs5W2EFgTC9azNYIdu8wVGT01yAmn6WV9vDdRoVufgNiR+g9AKFQfcE+uWsCx6TAyDoeV0c8ZqD6fiH2cd5P4j0LKhhr';
  const message =
    ' 中文<xml><ToUserName><![CDATA[oia2TjjewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>';
  const crypto = new MessageCrypto({ token: 'pamtest', encodingAESKey: KEY_A, receiveId: 'wxb11529c136998cb6' });

  it('verifies and decrypts', () => {
    expect(
      crypto.open({ encrypt, timestamp: '1409304348', nonce: 'xxxxxx', msgSignature: 'bbeac5e790feb72a10c5d122ca3690d37082fd70' }),
    ).toBe(message);
    const frame = decryptFrame(decodeEncodingAESKey(KEY_A), encrypt);
    expect(frame.random.toString('latin1')).toBe('7n5ozXdrQ3VCHtrn');
  });
  it('re-encrypts byte for byte with the same random', () => {
    const sealed = crypto.seal(message, '1409304348', 'xxxxxx', ascii('7n5ozXdrQ3VCHtrn'));
    expect(sealed.encrypt).toBe(encrypt);
    expect(sealed.msgSignature).toBe('bbeac5e790feb72a10c5d122ca3690d37082fd70');
  });
});

describe('vector A — official Java sample', () => {
  const crypto = new MessageCrypto({ token: 'pamtest', encodingAESKey: KEY_A, receiveId: 'wxb11529c136998cb6' });
  it('A1', () => {
    const sealed = crypto.seal('我是中文abcd123', '1409304348', 'xxxxxx', ascii('aaaabbbbccccdddd'));
    expect(sealed.encrypt).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==');
    expect(sealed.msgSignature).toBe('82c962d39941aa48552f90ef55aa323dc620cc10');
  });
  it('A2', () => {
    const msg =
      '<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>';
    const sealed = crypto.seal(msg, '1409304348', 'xxxxxx', ascii('aaaabbbbccccdddd'));
    expect(sealed.encrypt).toBe(
      'jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb',
    );
    expect(sealed.msgSignature).toBe('ea88b765074e41eb8c7a75b449db34fa2fd560d5');
    expect(crypto.open(sealed)).toBe(msg);
  });
});

describe('vector B — URL verification', () => {
  it('verifies and decrypts the echostr', () => {
    const crypto = new MessageCrypto({
      token: 'QDG6eK',
      encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
      receiveId: 'wx5823bf96d3bd56c7',
    });
    const encrypt = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
    expect(
      crypto.open({ encrypt, timestamp: '1409659589', nonce: '263014780', msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3' }),
    ).toBe('1616140317555161061');
    const frame = decryptFrame(decodeEncodingAESKey('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'), encrypt);
    expect(frame.random.toString('latin1')).toBe('c41b64491c2468d0');
  });
});

describe('vectors C and D — official Python and C++ samples', () => {
  const crypto = new MessageCrypto({ token: 'spamtest', encodingAESKey: KEY_A, receiveId: 'wx2c2769f8efd9abc2' });
  it('C', () => {
    const encrypt =
      'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=';
    expect(
      crypto.open({ encrypt, timestamp: '1409735669', nonce: '1320562132', msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa' }),
    ).toBe(
      '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>',
    );
  });
  it('D', () => {
    const encrypt =
      'mfBCs65c67CeJw22u4VT2TD73q5H06+ocrAIxswCaeZ/d/Lw0msSZFHY0teqgSYiI1zR2gD2DKrB3TIrmX/liNSDrGqS8jSI/WPeKB5VPr7Ezr7gomZAyGCwJSgT1TRFWPfONGJMxuj2nk4faTuspAuVIFQ6SHwZuJBZC7mcJp7Cgr9cUhATQWDbOPaE7ukZBTV2YqyzH+UI2AK+J1S47cE79k1RX8t0hcTz/O0hlK8DGXKnvYv88qKQcI7z4iaajqHfRVZKBNyOODabs+It+ZfM3dWTeFcPgDbGtIEnpt/EDtuuA/zMvtkaKdHdswPnVZQ+xdwbYr3ldGvfT8HlEYEgkgKaThxTFobVlwzu2ZkXCjicbP3xdr15Iq48ObgzPpqYuZ3IEoyggZDKClquk0u0orMck4GTF/XyE8yGzc4=';
    const message = crypto.open({ encrypt, timestamp: '1410349438', nonce: '298025754', msgSignature: '003fee52ecc56afb46c00b5c7721be87860ce785' });
    expect(message).toContain('<CreateTime>1410349438</CreateTime>');
    expect(message).toContain('<MsgId>6057404712141979648</MsgId>');
  });
});

describe('vector E — the official third-party-platform push', () => {
  const crypto = new MessageCrypto({ token: 'AAAAA', encodingAESKey: 'A'.repeat(43), receiveId: 'wx134c8103faa5a59e' });
  const encrypt =
    'D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==';

  it('checks both signatures and decrypts with the component as receive id', () => {
    expect(crypto.signature('1715943329', '1590219412')).toBe('cc0c594499c1634947d5b502f158ee518947db27');
    const message = crypto.open({ encrypt, timestamp: '1715943329', nonce: '1590219412', msgSignature: '6c12a4205838198b8fa631b3220723bb07f1015c' });
    expect(Buffer.byteLength(message)).toBe(292);
    expect(message).toBe(
      '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1715943329</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[debug_demo]]></Event>\n<debug_str><![CDATA[hello world]]></debug_str>\n</xml>',
    );
  });
  it('refuses a wrong signature, a wrong receive id and garbage', () => {
    const signed = { encrypt, timestamp: '1715943329', nonce: '1590219412', msgSignature: '6c12a4205838198b8fa631b3220723bb07f1015c' };
    expect(() => crypto.open({ ...signed, nonce: '1' })).toThrow(MessageCryptoError);
    const other = new MessageCrypto({ token: 'AAAAA', encodingAESKey: 'A'.repeat(43), receiveId: 'wxba5fad812f8e6fb9' });
    expect(() => other.open(signed)).toThrow(/receive id/);
    const garbage = Buffer.alloc(32, 7).toString('base64');
    expect(() => crypto.open({ ...signed, encrypt: garbage, msgSignature: crypto.msgSignature('1715943329', '1590219412', garbage) })).toThrow(
      /decryption failed/,
    );
  });
  it('reproduces the reply half', () => {
    const sealed = crypto.seal('<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>', '1713424427', '415670741', ascii('999951349e8ee746'));
    expect(sealed.encrypt).toBe(
      'hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7',
    );
    expect(sealed.msgSignature).toBe('03e0812039325c2712ef5f0f980fd14c70d6e307');
  });
});

describe('vector W — full encrypted reply XML', () => {
  it('renders the reply envelope byte for byte', () => {
    const crypto = new MessageCrypto({ token: '123456', encodingAESKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', receiveId: 'wx49f0ab532d5d035a' });
    const msg =
      '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>';
    const sealed = crypto.seal(msg, '1411525903', '461056294', ascii('1234567890123456'));
    const encrypt =
      '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3';
    expect(replyEnvelope(sealed)).toBe(
      `<xml>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n<MsgSignature><![CDATA[407518b7649e86ef23978113f92d27afa9296533]]></MsgSignature>\n<TimeStamp>1411525903</TimeStamp>\n<Nonce><![CDATA[461056294]]></Nonce>\n</xml>`,
    );
  });
});

describe('frames', () => {
  it('round-trips any message with random prefixes', () => {
    const key = decodeEncodingAESKey(KEY_A);
    for (const msg of ['', 'x', '中'.repeat(100), 'a'.repeat(12)]) {
      const frame = decryptFrame(key, encryptFrame(key, msg, 'wxid'));
      expect(frame.message).toBe(msg);
      expect(frame.receiveId).toBe('wxid');
    }
  });
  it('rejects truncated ciphertexts', () => {
    expect(() => decryptFrame(decodeEncodingAESKey(KEY_A), 'AAAA')).toThrow(RangeError);
  });
});
