import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthorizerClientFactory } from '../../authorizer/authorizer-client.factory.js';
import type { ResolvedOptions } from '../../options/resolved-options.js';
import type { AuthorizerMessage } from '../authorizer-message.types.js';
import { BackgroundTasks } from '../background-tasks.js';
import { isReleaseTestAccount, RELEASE_TEST_ACCOUNT_GROUPS } from './release-test-accounts.js';
import { ReleaseTestResponder } from './release-test.responder.js';

const TEST_OA = 'wx570bc396a51b8ff8';
const base = { appId: TEST_OA, toUserName: 'gh_3c884a361561', fromUserName: 'ozy4qt1eDxSxzCr0aNT0mXCWfrDE', createTime: 1, raw: {} };
const text = (content: string, appId = TEST_OA): AuthorizerMessage => ({ ...base, appId, msgType: 'text', msgId: '1', content });

function setup(releaseTestResponder = true) {
  const sent: Array<{ appId: string; openId: string; content: string }> = [];
  const exchanged: string[] = [];
  const clients = {
    getClientByAuthorizationCode: async (code: string) => {
      exchanged.push(code);
      if (code === 'queryauthcode@@@bad') throw new Error('errcode 61009: code is invalid');
      return { appId: TEST_OA, message: { custom: { sendText: async (openId: string, content: string) => void sent.push({ appId: TEST_OA, openId, content }) } } };
    },
  } as unknown as AuthorizerClientFactory;
  const tasks = new BackgroundTasks();
  const options = { messages: { releaseTestResponder, replyBudgetMs: 4000, dedupeTtlSeconds: 300 } } as ResolvedOptions;
  return { responder: new ReleaseTestResponder(clients, tasks, options), tasks, sent, exchanged };
}

describe('ReleaseTestResponder', () => {
  beforeEach(() => void vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it('knows the five groups of test accounts, official accounts and mini programs', () => {
    expect(RELEASE_TEST_ACCOUNT_GROUPS).toHaveLength(5);
    for (const group of RELEASE_TEST_ACCOUNT_GROUPS) {
      expect(isReleaseTestAccount({ appId: group.officialAccount.appId })).toBe(true);
      expect(isReleaseTestAccount({ appId: group.miniProgram.appId })).toBe(true);
      expect(isReleaseTestAccount({ toUserName: group.miniProgram.userName })).toBe(true);
    }
    expect(isReleaseTestAccount({ appId: 'wx0000000000000001', toUserName: 'gh_other' })).toBe(false);
  });

  it('answers the passive text case and the event case', () => {
    const { responder } = setup();
    expect(responder.respond(text('TESTCOMPONENT_MSG_TYPE_TEXT'))).toEqual({
      kind: 'reply',
      reply: { type: 'text', content: 'TESTCOMPONENT_MSG_TYPE_TEXT_callback' },
    });
    expect(responder.respond({ ...base, msgType: 'event', event: 'LOCATION', latitude: 1, longitude: 2, precision: 3 })).toEqual({
      kind: 'reply',
      reply: { type: 'text', content: 'LOCATIONfrom_callback' },
    });
  });

  it('answers QUERY_AUTH_CODE empty at once, then exchanges the code and sends $code_from_api to the sender', async () => {
    const { responder, tasks, sent, exchanged } = setup();
    const code = 'queryauthcode@@@xFheEeiX51uxyrUSrgjPIvWm_-NgaESnEGfPQOHLYQIxBGjzAJURGof2Mbm3UvTgihkFT4gc5NJhaYs6_JNfvQ';
    expect(responder.respond(text(`QUERY_AUTH_CODE:${code}`))).toEqual({ kind: 'empty' });
    expect(exchanged).toEqual([]); // not before the answer is on its way
    await tasks.idle();
    expect(exchanged).toEqual([code]);
    expect(sent).toEqual([{ appId: TEST_OA, openId: base.fromUserName, content: `${code}_from_api` }]);
  });

  it('logs a failed exchange without the code', async () => {
    const errors = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { responder, tasks, sent } = setup();
    expect(responder.respond(text('QUERY_AUTH_CODE:queryauthcode@@@bad'))).toEqual({ kind: 'empty' });
    await tasks.idle();
    expect(sent).toEqual([]);
    expect(String(errors.mock.calls[0]?.[0])).toContain('61009');
    expect(String(errors.mock.calls[0]?.[0])).not.toContain('queryauthcode@@@bad');
  });

  it('leaves other messages, other accounts, and everything when switched off, to the handlers', () => {
    expect(setup().responder.respond(text('hello'))).toBeUndefined();
    expect(setup().responder.respond(text('TESTCOMPONENT_MSG_TYPE_TEXT', 'wx0000000000000001'))).toBeUndefined();
    expect(setup(false).responder.respond(text('TESTCOMPONENT_MSG_TYPE_TEXT'))).toBeUndefined();
  });
});
