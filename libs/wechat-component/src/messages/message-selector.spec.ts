import { describe, expect, it } from 'vitest';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import { normalizeSelector, selectorMatches, selectorSpecificity } from './message-selector.js';

const base = { appId: 'wx0000000000000001', toUserName: 'gh_a', fromUserName: 'o_u', createTime: 1, raw: {} };
const text = (content: string): AuthorizerMessage => ({ ...base, msgType: 'text', msgId: '1', content });
const click: AuthorizerMessage = { ...base, msgType: 'event', event: 'CLICK', eventKey: 'k' };
const image: AuthorizerMessage = { ...base, msgType: 'image', msgId: '2', picUrl: 'p', mediaId: 'm' };
const matches = (selector: Parameters<typeof normalizeSelector>[0], message: AuthorizerMessage) =>
  selectorMatches(normalizeSelector(selector), message);

describe('message selectors', () => {
  it('match on every criterion given', () => {
    expect(matches({}, image)).toBe(true);
    expect(matches({ type: 'text' }, text('a'))).toBe(true);
    expect(matches({ type: ['image', 'voice'] }, text('a'))).toBe(false);
    expect(matches({ event: 'CLICK' }, click)).toBe(true);
    expect(matches({ event: 'click' }, click)).toBe(false);
    expect(matches({ event: 'CLICK' }, text('CLICK'))).toBe(false);
    expect(matches({ type: 'event', event: ['VIEW', 'CLICK'] }, click)).toBe(true);
    expect(matches({ appId: 'wx0000000000000001' }, click)).toBe(true);
    expect(matches({ appId: ['wx0000000000000002'] }, click)).toBe(false);
    expect(matches({ content: 'hello' }, text('hello'))).toBe(true);
    expect(matches({ content: 'hello' }, text('hello!'))).toBe(false);
    expect(matches({ content: /^hel/ }, image)).toBe(false);
  });

  it('treat a global RegExp without state', () => {
    const selector = normalizeSelector({ content: /a/g });
    expect([1, 2, 3].map(() => selectorMatches(selector, text('a')))).toEqual([true, true, true]);
  });

  it('rank content over event over type over appId', () => {
    const rank = (s: Parameters<typeof normalizeSelector>[0]) => selectorSpecificity(normalizeSelector(s));
    expect(rank({ content: 'x' })).toBeGreaterThan(rank({ type: 'event', event: 'CLICK', appId: 'wx0000000000000001' }));
    expect(rank({ event: 'CLICK' })).toBeGreaterThan(rank({ type: 'text', appId: 'wx0000000000000001' }));
    expect(rank({ type: 'text' })).toBeGreaterThan(rank({ appId: 'wx0000000000000001' }));
    expect(rank({ appId: 'wx0000000000000001' })).toBeGreaterThan(rank({}));
  });

  it('refuse selectors that can never match', () => {
    expect(() => normalizeSelector({ type: 'text', event: 'CLICK' })).toThrow(/only type "event"/);
    expect(() => normalizeSelector({ type: 'image', content: 'x' })).toThrow(/only text/);
    expect(() => normalizeSelector({ event: 'CLICK', content: 'x' })).toThrow(/only text/);
    expect(() => normalizeSelector({ type: [] })).toThrow(/non-empty/);
    expect(() => normalizeSelector({ content: 3 as unknown as string })).toThrow(/string or a RegExp/);
  });
});
