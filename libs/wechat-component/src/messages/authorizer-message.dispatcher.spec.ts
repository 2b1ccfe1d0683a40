import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthorizerMessageDispatcher } from './authorizer-message.dispatcher.js';
import type { AuthorizerMessage } from './authorizer-message.types.js';
import { normalizeSelector } from './message-selector.js';

const text: AuthorizerMessage = {
  appId: 'wx0000000000000001',
  toUserName: 'gh_a',
  fromUserName: 'o_u',
  createTime: 1,
  raw: {},
  msgType: 'text',
  msgId: '1',
  content: 'hello',
};

function dispatcher(...handlers: Array<[Parameters<typeof normalizeSelector>[0], string, () => unknown]>) {
  const d = new AuthorizerMessageDispatcher();
  for (const [selector, name, invoke] of handlers) d.register(normalizeSelector(selector), name, invoke);
  return d;
}

describe('AuthorizerMessageDispatcher', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('runs every matching handler and lets the most specific reply win', async () => {
    const ran: string[] = [];
    const d = dispatcher(
      [{}, 'All.any', () => (ran.push('any'), 'any')],
      [{ type: 'text' }, 'Text.text', () => (ran.push('text'), 'by type')],
      [{ content: /hel/ }, 'Hello.hello', async () => (ran.push('content'), 'by content')],
      [{ type: 'image' }, 'Image.image', () => (ran.push('image'), 'image')],
    );
    const outcome = await d.dispatch(text, Date.now() + 1000);
    expect(ran.sort()).toEqual(['any', 'content', 'text']);
    expect(outcome).toEqual({ reply: { type: 'text', content: 'by content' }, repliedBy: 'Hello.hello', late: [] });
  });

  it('breaks ties by registration order and skips handlers without a reply', async () => {
    const d = dispatcher(
      [{ type: 'text' }, 'A.silent', () => undefined],
      [{ type: 'text' }, 'B.first', () => ({ type: 'image', mediaId: 'm' })],
      [{ type: 'text' }, 'C.second', () => 'second'],
    );
    expect(await d.dispatch(text, Date.now() + 1000)).toMatchObject({ reply: { type: 'image', mediaId: 'm' }, repliedBy: 'B.first' });
  });

  it('logs failing handlers and malformed replies, and counts them as no reply', async () => {
    const errors = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const d = dispatcher(
      [{ content: 'hello' }, 'Bad.throws', () => {
        throw new Error('boom');
      }],
      [{ event: 'CLICK', type: 'event' }, 'Never.runs', () => 'no'],
      [{ type: 'text' }, 'Bad.shape', () => ({ type: 'gif' })],
      [{}, 'Ok.fallback', async () => 'fallback'],
    );
    expect(await d.dispatch(text, Date.now() + 1000)).toMatchObject({ reply: { content: 'fallback' }, repliedBy: 'Ok.fallback' });
    expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining('Bad.throws failed on text to wx0000000000000001: boom'),
      expect.stringContaining('Bad.shape returned an invalid reply'),
    ]);
  });

  it('answers at the deadline with the best reply so far and warns about late handlers, which keep running', async () => {
    // The budget is a timer: on a fake clock the deadline comes exactly when the test moves time there.
    vi.useFakeTimers();
    const warnings = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let finished = false;
    const d = dispatcher(
      [{ content: 'hello' }, 'Slow.best', async () => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        finished = true;
        return 'too late';
      }],
      [{}, 'Fast.any', () => 'in time'],
    );
    let outcome: unknown;
    void d.dispatch(text, Date.now() + 50).then((decided) => (outcome = decided));
    await vi.advanceTimersByTimeAsync(49);
    expect(outcome).toBeUndefined(); // the slow handler may still reply in time
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({ reply: { type: 'text', content: 'in time' }, repliedBy: 'Fast.any', late: ['Slow.best'] });
    expect(finished).toBe(false);
    expect(String(warnings.mock.calls[0]?.[0])).toContain('Slow.best still running at the reply budget; answering WeChat with the reply of Fast.any');
    await vi.advanceTimersByTimeAsync(100);
    expect(finished).toBe(true);
    expect(String(warnings.mock.calls[1]?.[0])).toContain('Slow.best replied after the reply budget; the reply was dropped');
  });

  it('has nothing to say without matching handlers', async () => {
    expect(await dispatcher().dispatch(text, Date.now() + 10)).toEqual({ late: [] });
  });
});
