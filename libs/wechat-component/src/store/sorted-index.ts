import type { IndexEntry } from './store-backend.js';

/**
 * An in-process ordered set (score, then member), the memory counterpart of a Redis sorted set:
 * lookups by score or rank in O(log n + k); inserts and removals shift one array.
 */
export class SortedIndex {
  private readonly scores = new Map<string, number>();
  private readonly entries: IndexEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  add(member: string, score: number): void {
    this.remove(member);
    this.scores.set(member, score);
    this.entries.splice(this.lowerBound(score, member), 0, { member, score });
  }

  remove(member: string): void {
    const score = this.scores.get(member);
    if (score === undefined) return;
    this.scores.delete(member);
    this.entries.splice(this.lowerBound(score, member), 1);
  }

  rangeByScore(maxScore: number, limit: number): IndexEntry[] {
    const end = this.lowerBound(maxScore, undefined);
    return this.entries.slice(0, Math.min(end, limit));
  }

  has(member: string): boolean {
    return this.scores.has(member);
  }

  /** Takes up to `limit` entries with score ≤ `maxScore`, moves them to `claimScore`, returns their old entries. */
  claim(maxScore: number, limit: number, claimScore: number): IndexEntry[] {
    const taken = this.entries.splice(0, Math.min(this.lowerBound(maxScore, undefined), Math.max(0, limit)));
    for (const entry of taken) this.scores.delete(entry.member);
    for (const entry of taken) this.add(entry.member, claimScore);
    return taken;
  }

  range(offset: number, limit: number): string[] {
    return this.entries.slice(offset, offset + Math.max(0, limit)).map((entry) => entry.member);
  }

  /** First position whose entry sorts after (score, member); with no member, after every entry of that score. */
  private lowerBound(score: number, member: string | undefined): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const entry = this.entries[mid]!;
      const before =
        entry.score < score || (entry.score === score && (member === undefined || entry.member < member));
      if (before) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
