import { openIdFor } from '../common/ids.js';
import type { AuthorizationNotifier } from '../push/authorization-notifier.js';
import type { MessageDelivery, MessagePusher, UserMessage } from '../push/message-pusher.js';
import type { PassiveReply } from '../push/passive-reply.js';
import type { TicketPusher } from '../push/ticket-pusher.js';
import type { Account, AccountStore, AccountType } from '../state/accounts.js';
import type { Authorizations } from '../state/authorizations.js';
import type { SentMessages } from '../state/sent-messages.js';
import { textOf } from '../xml/parse.js';
import { RELEASE_TEST_GROUPS, type ReleaseTestGroup } from './test-accounts.js';

/** One case of the full-network-release test and its outcome. */
export interface ReleaseTestCase {
  name: string;
  passed: boolean;
  detail: string;
  durationMs: number;
}

/** The report of one run. */
export interface ReleaseTestReport {
  group: number;
  passed: boolean;
  /** ms since the epoch. */
  startedAt: number;
  durationMs: number;
  cases: ReleaseTestCase[];
}

/** How to run the release test. */
export interface ReleaseTestOptions {
  /** Test-account group 1..5 (WeChat picks one at random; so do we by default). */
  group?: number;
  /** Run the mini-program customer-service case (default true: the platform asked for 客服消息管理). */
  miniProgram?: boolean;
  /** Run the legacy event case (`<Event>from_callback`, default true). */
  legacyEvent?: boolean;
  /** How long to wait for the `…_from_api` customer-service message after the empty reply (default 10000). */
  apiReplyTimeoutMs?: number;
}

/** Dependencies of {@link ReleaseTestDriver}. */
export interface ReleaseTestDeps {
  clock: () => number;
  accounts: AccountStore;
  authorizations: Authorizations;
  notifier: AuthorizationNotifier;
  tickets: TicketPusher;
  messages: MessagePusher;
  sent: SentMessages;
}

/** Drives WeChat's automated full-network-release test (reference §3.2) against the platform. */
export class ReleaseTestDriver {
  constructor(private readonly deps: ReleaseTestDeps) {}

  /** @throws RangeError for a group outside 1..5. */
  async run(options: ReleaseTestOptions = {}): Promise<ReleaseTestReport> {
    const group = this.pickGroup(options.group);
    const startedAt = this.deps.clock();
    const started = performance.now();
    const cases: ReleaseTestCase[] = [];
    const step = async (name: string, body: () => Promise<[boolean, string]>): Promise<boolean> => {
      const t0 = performance.now();
      let outcome: [boolean, string];
      try {
        outcome = await body();
      } catch (error) {
        outcome = [false, (error as Error).message];
      }
      cases.push({ name, passed: outcome[0], detail: outcome[1], durationMs: Math.round(performance.now() - t0) });
      return outcome[0];
    };

    await step('component_verify_ticket', async () => {
      const { push } = await this.deps.tickets.pushNow();
      if (!push) return [false, 'no event URL is configured'];
      return [push.ok, push.ok ? 'answered success' : (push.error ?? 'not answered')];
    });

    const officialAccount = this.testAccount(group, 'official_account');
    const miniProgram = options.miniProgram === false ? undefined : this.testAccount(group, 'mini_program');
    for (const account of [officialAccount, miniProgram]) {
      if (!account) continue;
      await step(`authorize ${account.type === 'official_account' ? 'official account' : 'mini program'} ${account.appId}`, async () => {
        const { grant, push } = await this.deps.notifier.grant(account);
        if (!push) return [false, 'no event URL is configured'];
        return [push.ok, push.ok ? `${grant.infoType} answered success` : (push.error ?? 'not answered')];
      });
    }

    const apiTimeout = options.apiReplyTimeoutMs ?? 10_000;
    await step('text_passive_reply', () => this.passiveTextCase(officialAccount));
    await step('query_auth_code_api_reply', () => this.apiReplyCase(officialAccount, apiTimeout));
    if (options.legacyEvent !== false) await step('event_passive_reply', () => this.eventCase(officialAccount));
    if (miniProgram) await step('mini_program_customer_service', () => this.apiReplyCase(miniProgram, apiTimeout));

    return {
      group,
      passed: cases.every((c) => c.passed),
      startedAt,
      durationMs: Math.round(performance.now() - started),
      cases,
    };
  }

  private pickGroup(group: number | undefined): number {
    if (group === undefined) return 1 + Math.floor(Math.random() * RELEASE_TEST_GROUPS.length);
    if (!RELEASE_TEST_GROUPS.some((g) => g.group === group)) throw new RangeError('group must be 1..5');
    return group;
  }

  /** The group's test account, created on first use. */
  private testAccount(group: number, type: AccountType): Account {
    const spec: ReleaseTestGroup = RELEASE_TEST_GROUPS.find((g) => g.group === group)!;
    const ids = type === 'official_account' ? spec.officialAccount : spec.miniProgram;
    return (
      this.deps.accounts.get(ids.appId) ??
      this.deps.accounts.create({
        type,
        appId: ids.appId,
        userName: ids.userName,
        nickName: `${type === 'official_account' ? '全网发布测试公众号' : '全网发布测试小程序'}${group}`,
        principalName: '深圳市腾讯计算机系统有限公司',
        testGroup: group,
      })
    );
  }

  private send(account: Account, message: UserMessage): Promise<MessageDelivery> {
    return this.deps.messages.send(account, openIdFor(account.appId, 'release-test'), message);
  }

  private async passiveTextCase(account: Account): Promise<[boolean, string]> {
    const delivery = await this.send(account, { MsgType: 'text', Content: 'TESTCOMPONENT_MSG_TYPE_TEXT' });
    return expectTextReply(delivery.reply, 'TESTCOMPONENT_MSG_TYPE_TEXT_callback');
  }

  private async eventCase(account: Account): Promise<[boolean, string]> {
    const delivery = await this.send(account, { MsgType: 'event', Event: 'LOCATION', Latitude: 23.137466, Longitude: 113.352425, Precision: 119.38504 });
    return expectTextReply(delivery.reply, 'LOCATIONfrom_callback');
  }

  /** QUERY_AUTH_CODE: an empty reply within the timeout, then `api_query_auth` and a `<code>_from_api` message. */
  private async apiReplyCase(account: Account, timeoutMs: number): Promise<[boolean, string]> {
    const { code } = this.deps.authorizations.issueAuthorizationCode(account);
    const openid = openIdFor(account.appId, 'release-test');
    const expected = `${code}_from_api`;
    const sent = this.deps.sent.waitFor(account.appId, (m) => m.touser === openid, timeoutMs);
    const delivery = await this.send(account, { MsgType: 'text', Content: `QUERY_AUTH_CODE:${code}` });
    const problems: string[] = [];
    const { reply } = delivery;
    if (reply.kind !== 'empty' && reply.kind !== 'success') problems.push(`expected an empty reply, got ${describeReply(reply)}`);
    else if (delivery.push.attempts.length > 1) problems.push(`the empty reply needed ${delivery.push.attempts.length} attempts`);
    const message = await sent;
    if (!message) problems.push(`no customer-service message to ${openid} within ${timeoutMs} ms`);
    else if (message.msgtype !== 'text' || message.content !== expected) {
      problems.push(`expected text "${expected}", got ${message.msgtype} ${JSON.stringify(message.content ?? message.body)}`);
    }
    if (this.deps.authorizations.authorizationCodeStatus(code) !== 'used') problems.push('api_query_auth was not called with the code');
    return problems.length === 0 ? [true, `empty reply, then ${expected} via message/custom/send`] : [false, problems.join('; ')];
  }
}

function describeReply(reply: PassiveReply): string {
  switch (reply.kind) {
    case 'reply':
      return `a ${textOf(reply.fields, 'MsgType') ?? '?'} reply ${JSON.stringify(textOf(reply.fields, 'Content') ?? '')}`;
    case 'invalid':
    case 'none':
      return reply.error;
    default:
      return reply.kind;
  }
}

function expectTextReply(reply: PassiveReply, content: string): [boolean, string] {
  if (reply.kind !== 'reply') return [false, `expected a passive text reply "${content}", got ${describeReply(reply)}`];
  if (reply.problems.length > 0) return [false, reply.problems.join('; ')];
  const got = textOf(reply.fields, 'Content');
  if (textOf(reply.fields, 'MsgType') !== 'text' || got !== content) return [false, `expected text "${content}", got ${describeReply(reply)}`];
  return [true, `replied ${content}`];
}
