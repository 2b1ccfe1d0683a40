import { describe, expect, it } from 'vitest';
import { errorMessage, errorStack } from './error-text.js';

describe('errorMessage / errorStack: a thrown value as text for a log line', () => {
  it("takes an Error's or an error-like object's message, and String() of anything else", () => {
    expect(errorMessage(new TypeError('bad input'))).toBe('bad input');
    expect(errorMessage({ message: 'from another realm', config: { secret: 's3cr3t' } })).toBe('from another realm');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage({ message: 7 })).toBe('[object Object]');
  });

  it('gives the stack of an Error only', () => {
    const error = new Error('boom');
    expect(errorStack(error)).toBe(error.stack);
    expect(errorStack('boom')).toBeUndefined();
  });
});
