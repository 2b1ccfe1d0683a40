import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RetrySummary } from './retry-summary.js';

describe('RetrySummary: retries of handled pushes in the log', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('writes the first retry at once and the rest as one line per minute with their count', () => {
    const lines: string[] = [];
    const summary = new RetrySummary({ log: (line) => lines.push(line) }, 'retries of handled messages');
    summary.record();
    expect(lines).toEqual(['1 retries of handled messages answered with their first answer (at most one such line every 60 s)']);
    for (let i = 0; i < 5000; i++) summary.record();
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(59_999);
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^5000 retries of handled messages/);
    vi.advanceTimersByTime(10 * 60_000);
    expect(lines).toHaveLength(2); // nothing new, nothing written
    summary.record();
    expect(lines).toHaveLength(3); // a minute has passed since the last line: written at once
  });

  it('writes what is pending when flushed (shutdown)', () => {
    const lines: string[] = [];
    const summary = new RetrySummary({ log: (line) => lines.push(line) }, 'retries of handled events');
    summary.record();
    summary.record();
    summary.record();
    summary.flush();
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['1', '2']);
  });
});
