import { beforeEach, describe, expect, it } from 'vitest';
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reply: PlainAnswer = { kind: 'reply', xml: '<xml/>', by: 'A.a' };

describe('MessageOnce', () => {
  let backend: StoreBackend;
  let once: MessageOnce;
  beforeEach(async () => {
    backend = new MemoryStoreBackend();
    once = new MessageOnce(
      new PushOnce(backend, { claimMs: options.timings.messageClaimMs, rememberMs: options.timings.pushMemoryMs }),
      new StoreKeys('t', 'wx0123456789abcdef'),
    );
  });

  it('answers a message once and repeats that answer for retries', async () => {
    let runs = 0;
    const answer = async () => (runs++, reply);
    expect(await once.run(text, Date.now() + 200, answer)).toEqual({ answer: reply, duplicate: false });
    expect(await once.run(text, Date.now() + 200, answer)).toEqual({ answer: reply, duplicate: true });
    expect(runs).toBe(1);
  });

  it('lets a concurrent retry wait for the first answer', async () => {
    let runs = 0;
    const slow = async () => (runs++, await sleep(60), reply);
    const [first, retry] = await Promise.all([once.run(text, Date.now() + 200, slow), once.run(text, Date.now() + 200, slow)]);
    expect(first).toEqual({ answer: reply, duplicate: false });
    expect(retry).toEqual({ answer: reply, duplicate: true });
    expect(runs).toBe(1);
  });

  it('fails a retry whose deadline passes while the first is still deciding (never success for a push not acted on)', async () => {
    const first = once.run(text, Date.now() + 200, async () => (await sleep(120), reply));
    await sleep(5);
    await expect(once.run(text, Date.now() + 30, async () => reply)).rejects.toBeInstanceOf(PushInProgressError);
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
