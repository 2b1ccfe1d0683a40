import type { Logger } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { EventHandlerRegistry } from './event-handler-registry.js';

interface Event {
  readonly type: string;
  readonly owner: string;
}

function registry() {
  const errors: string[] = [];
  const logger = { error: (line: string) => errors.push(line) } as unknown as Logger;
  return { errors, handlers: new EventHandlerRegistry<Event>(logger, (e) => e.type, (e) => `${e.type} of ${e.owner}`) };
}

describe('EventHandlerRegistry: handlers by event type, failures isolated', () => {
  it('starts the handlers whose selector names the type, and those of every type', async () => {
    const { handlers } = registry();
    const seen: string[] = [];
    handlers.register(['a'], 'A.on', () => seen.push('a'));
    handlers.register(['b', 'c'], 'BC.on', () => seen.push('bc'));
    handlers.register('*', 'All.on', () => seen.push('*'));
    await Promise.all(handlers.start({ type: 'c', owner: 'x' }));
    expect(seen).toEqual(['bc', '*']);
    expect(handlers.start({ type: 'z', owner: 'x' })).toHaveLength(1);
  });

  it('logs a failing handler (thrown or rejected) and still runs and resolves the others', async () => {
    const { handlers, errors } = registry();
    let ran = false;
    handlers.register('*', 'Sync.fails', () => {
      throw new Error('sync boom');
    });
    handlers.register('*', 'Async.fails', async () => Promise.reject(new Error('async boom')));
    handlers.register('*', 'Ok.on', () => (ran = true));
    await expect(Promise.all(handlers.start({ type: 'a', owner: 'app1' }))).resolves.toHaveLength(3);
    expect(ran).toBe(true);
    expect(errors).toEqual(['Sync.fails failed on a of app1: sync boom', 'Async.fails failed on a of app1: async boom']);
  });
});
