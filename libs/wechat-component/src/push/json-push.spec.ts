import { describe, expect, it } from 'vitest';
import { extractJsonEncrypt, isJsonText, JsonPushError, parseJsonMessage } from './json-push.js';

describe('JSON pushes', () => {
  it('tells JSON from XML by the first character', () => {
    expect(isJsonText(' \n{"a":1}')).toBe(true);
    expect(isJsonText('\ufeff{}')).toBe(true);
    expect(isJsonText('<xml></xml>')).toBe(false);
    expect(isJsonText('')).toBe(false);
  });

  it('reads the Encrypt of an envelope, and nothing else', () => {
    expect(extractJsonEncrypt('{"ToUserName":"gh_1","Encrypt":" abc= "}')).toBe('abc=');
    expect(extractJsonEncrypt('{"Encrypt":1}')).toBeUndefined();
    expect(extractJsonEncrypt('[{"Encrypt":"a"}]')).toBeUndefined();
    expect(extractJsonEncrypt('{"Encrypt":"a"')).toBeUndefined();
  });

  it('gives the XML reader shape: text values, nested objects; 64-bit integers exact, strings untouched', () => {
    const fields = parseJsonMessage(
      '{"MsgId":6054768590064713728,"CreateTime":1715943329,"Content":"12345678901234567890 \\"quoted\\" 99999999999999999","Neg":-12345678901234567890,"Ratio":12345678901234567.5,"ok":true,"none":null,"result_info":{"status":2,"api_name":"wx.getLocation"},"list":[1,"a",{"b":2}]}',
    );
    expect(fields).toEqual({
      MsgId: '6054768590064713728',
      CreateTime: '1715943329',
      Content: '12345678901234567890 "quoted" 99999999999999999',
      Neg: '-12345678901234567890',
      Ratio: String(JSON.parse('12345678901234567.5')),
      ok: 'true',
      result_info: { status: '2', api_name: 'wx.getLocation' },
      list: ['1', 'a', { b: '2' }],
    });
  });

  it('refuses what is not a plain, shallow object', () => {
    expect(() => parseJsonMessage('[1]')).toThrow(JsonPushError);
    expect(() => parseJsonMessage('{"a":')).toThrow(JsonPushError);
    expect(() => parseJsonMessage(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`)).toThrow(JsonPushError);
  });

  it('scans hostile input in one pass: long digit runs and unterminated strings', () => {
    expect(() => parseJsonMessage(`{"a":${'9'.repeat(200_000)}`)).toThrow(JsonPushError);
    expect(() => parseJsonMessage(`{"a":"${'\\'.repeat(200_001)}`)).toThrow(JsonPushError);
    expect(parseJsonMessage(`{"a":${'9'.repeat(50_000)}}`)).toEqual({ a: '9'.repeat(50_000) });
  });
});
