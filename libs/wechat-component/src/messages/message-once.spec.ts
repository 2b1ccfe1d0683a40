import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { PushInProgressError, PushOnce } from '../push/push-once.js';
import { MemoryStoreBackend } from '../store/memory-store-backend.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import type { PlainAnswer } from './message-answer.js';
import { identity, MessageOnce } from './message-once.js';

const options = {
  messages: { replyBudgetMs: 200, dedupeTtlSeconds: 60, releaseTestResponder: true },
  timings: { pushMemoryMs: 60_000, messageClaimMs: 10_200 },
} as ResolvedOptions;
const base = { appId: 'wx0000000000000001', toUserName: 'gh_a', fromUserName: 'o_u', createTime: 100, raw: {} };
const text: AuthorizerMessage = { ...base, msgType: 'text', msgId: '6054768590064713728', content: 'hi' };
const reply: PlainAnswer = { kind: 'reply', xml: '<xml/>', by: 'A.a' };

/** An answer that stays undecided until `decide()`, so a test chooses when the first delivery finishes. */
function heldAnswer() {
  let runs = 0;
  let decide = () => {};
  const decided = new Promise<void>((resolve) => (decide = resolve));
  const answer = async () => (runs++, await decided, reply);
  return { answer, decide, runs: () => runs };
}

describe('MessageOnce', () => {
  let backend: StoreBackend;
  let once: MessageOnce;
  // Deadlines are read from the clock: a fake one passes only when a test moves it, however slow the machine.
  beforeEach(async () => {
    vi.useFakeTimers();
    backend = new MemoryStoreBackend();
    once = new MessageOnce(
      new PushOnce(backend, { claimMs: options.timings.messageClaimMs, rememberMs: options.timings.pushMemoryMs }),
      new StoreKeys('t', 'wx0123456789abcdef'),
    );
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a message once and repeats that answer for retries', async () => {
    let runs = 0;
    const answer = async () => (runs++, reply);
    expect(await once.run(text, Date.now() + 200, answer)).toEqual({ answer: reply, duplicate: false });
    expect(await once.run(text, Date.now() + 200, answer)).toEqual({ answer: reply, duplicate: true });
    expect(runs).toBe(1);
  });

  it('lets a concurrent retry wait for the first answer', async () => {
    const slow = heldAnswer();
    const reads = vi.spyOn(backend, 'get');
    // Deadlines far off: vi.waitFor moves the fake clock a little at each check.
    const first = once.run(text, Date.now() + 60_000, slow.answer);
    const retry = once.run(text, Date.now() + 60_000, slow.answer);
    // The retry finds the first delivery deciding (it reads the marker) and waits until it has decided.
    await vi.waitFor(() => expect(reads).toHaveBeenCalled());
    slow.decide();
    expect(await first).toEqual({ answer: reply, duplicate: false });
    expect(await retry).toEqual({ answer: reply, duplicate: true });
    expect(slow.runs()).toBe(1);
  });

  it('fails a retry whose deadline passes while the first is still deciding (never success for a push not acted on)', async () => {
    const slow = heldAnswer();
    const first = once.run(text, Date.now() + 200, slow.answer);
    let retried = false;
    const retry = once.run(text, Date.now() + 30, async () => (retried = true, reply)).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(30);
    expect(await retry).toBeInstanceOf(PushInProgressError);
    expect(retried).toBe(false);
    slow.decide();
    expect(await first).toEqual({ answer: reply, duplicate: false });
  });

  it('frees the message when deciding failed, so a retry handles it', async () => {
    await expect(once.run(text, Date.now() + 200, async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await once.run(text, Date.now() + 200, async () => reply)).toEqual({ answer: reply, duplicate: false });
  });

  it('identifies messages by MsgId and events by sender, time and event', () => {
    expect(identity(text)).toBe(identity({ ...text, createTime: 999 }));
    expect(identity(text)).not.toBe(identity({ ...text, appId: 'wx0000000000000002' }));
    const click: AuthorizerMessage = { ...base, msgType: 'event', event: 'CLICK', eventKey: 'k' };
    expect(identity(click)).toBe(identity({ ...click, eventKey: 'other' } as AuthorizerMessage));
    expect(identity(click)).not.toBe(identity({ ...click, createTime: 101 }));
    expect(identity(click)).not.toBe(identity({ ...click, fromUserName: 'o_v' }));
    expect(identity(click)).not.toBe(identity({ ...base, msgType: 'event', event: 'VIEW', eventKey: 'k' }));
  });
});
