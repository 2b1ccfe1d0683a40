import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-1 (lower-case hex) of the lexicographically sorted strings joined together (§4.3). */
export function sortedSha1(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of two signatures. */
export function signaturesEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
