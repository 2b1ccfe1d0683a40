import { describe, expect, it } from 'vitest';
import { cardSignature, jsapiSignature, signedUrl } from './js-sdk-signature.js';

describe('JS-SDK signatures', () => {
  it('matches the example of the JS-SDK documentation (附录1)', () => {
    const ticket = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';
    expect(jsapiSignature('Wm3WZYTPz0wzccnW', ticket, 1414587457, 'http://mp.weixin.qq.com?params=value')).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });

  it('signs the URL without its fragment', () => {
    expect(signedUrl('https://a.example.com/p?x=1#/route')).toBe('https://a.example.com/p?x=1');
    expect(jsapiSignature('n', 't', 1, 'https://a.example.com/#x')).toBe(jsapiSignature('n', 't', 1, 'https://a.example.com/'));
  });

  it('card signatures sort the values as strings before hashing', () => {
    expect(cardSignature(['b', 'a', 10, 2])).toBe(cardSignature([2, 10, 'a', 'b']));
    expect(cardSignature(['b', 'a'])).not.toBe(cardSignature(['b', 'c']));
  });
});
