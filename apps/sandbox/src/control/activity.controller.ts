import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { PushKind, PushRecord } from '../push/push-log.js';
import type { CallRecord } from '../recording/call-log.js';
import { Sandbox } from '../sandbox.js';
import type { CountersView, TokenIssueCounts } from './types.js';
import { queryInteger, requireThat } from './validation.js';
import { tokenIssueSummary } from './views.js';

function optionalText(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  requireThat(value === undefined || typeof value === 'string', `${name} must be given once`);
  return value as string | undefined;
}

/** What happened: recorded calls, pushes, counters; `/sandbox/log` merges calls and pushes for the console. */
@Controller('sandbox')
export class ActivityControlController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Filters: `path`, `appId`, `since` (ms), `after` (id), `limit` (≤ 1000). Oldest first. */
  @Get('calls')
  calls(@Query() query: Record<string, unknown>): CallRecord[] {
    return this.sandbox.calls.list(this.common(query));
  }

  /** Filters: `kind` (event|message), `type`, `appId`, `since`, `after`, `limit`. Oldest first. */
  @Get('pushes')
  pushes(@Query() query: Record<string, unknown>): PushRecord[] {
    const kind = optionalText(query, 'kind');
    requireThat(kind === undefined || kind === 'event' || kind === 'message', 'kind must be event or message');
    const type = optionalText(query, 'type');
    return this.sandbox.pushes.list({ ...this.common(query), ...(kind ? { kind: kind as PushKind } : {}), ...(type ? { type } : {}) });
  }

  /** Calls and pushes after an id, merged in order (the console polls this). */
  @Get('log')
  log(@Query() query: Record<string, unknown>): { last: number; entries: ({ entry: 'call' } & CallRecord | { entry: 'push' } & PushRecord)[] } {
    const after = queryInteger(query, 'after') ?? 0;
    const limit = Math.min(queryInteger(query, 'limit') ?? 200, 1000);
    const entries = [
      ...this.sandbox.calls.list({ after, limit }).map((call) => ({ entry: 'call' as const, ...call })),
      ...this.sandbox.pushes.list({ after, limit }).map((push) => ({ entry: 'push' as const, ...push })),
    ].sort((a, b) => a.id - b.id);
    return { last: this.sandbox.sequence.current, entries };
  }

  @Get('counters')
  counters(): CountersView {
    const { over: _over, ...authorizerTokens } = tokenIssueSummary(this.sandbox);
    return {
      paths: this.sandbox.usage.byPath(),
      componentTokensIssued: this.sandbox.tokens.issuedCount(this.sandbox.component.appId),
      authorizerTokens,
    };
  }

  /** Per-account token issue counts; `min=N` lists the accounts that got at least N (e.g. 2: refreshed twice). */
  @Get('counters/authorizer-tokens')
  authorizerTokens(@Query() query: Record<string, unknown>): TokenIssueCounts {
    return tokenIssueSummary(this.sandbox, queryInteger(query, 'min') ?? 2);
  }

  private common(query: Record<string, unknown>): { path?: string; appId?: string; since?: number; after?: number; limit?: number } {
    const out: { path?: string; appId?: string; since?: number; after?: number; limit?: number } = {};
    const path = optionalText(query, 'path');
    const appId = optionalText(query, 'appId');
    const since = queryInteger(query, 'since');
    const after = queryInteger(query, 'after');
    const limit = queryInteger(query, 'limit');
    if (path !== undefined) out.path = path;
    if (appId !== undefined) out.appId = appId;
    if (since !== undefined) out.since = since;
    if (after !== undefined) out.after = after;
    if (limit !== undefined) out.limit = limit;
    return out;
  }
}
