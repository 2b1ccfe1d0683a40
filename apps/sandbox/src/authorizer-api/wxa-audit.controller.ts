import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import type { Audit, ExperienceVersion } from '../state/mini-program-code.js';
import { CATEGORIES } from '../state/mini-program-settings.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** Checks `item_list`: 1–5 items (85023), set categories (85008), committed pages (85007), tags (85006), titles (85011). */
function checkItems(items: unknown, experience: ExperienceVersion): void {
  if (items === undefined) return;
  if (!Array.isArray(items) || items.length < 1 || items.length > 5) throw new WeChatError(85023);
  for (const raw of items) {
    const item = (raw ?? {}) as Record<string, unknown>;
    if (!CATEGORIES.some((c) => c.first_id === Number(item['first_id']) && c.second_id === Number(item['second_id']))) throw new WeChatError(85008);
    if (item['address'] !== undefined && !experience.pages.includes(String(item['address']).split('?')[0]!)) throw new WeChatError(85007);
    const tags = typeof item['tag'] === 'string' ? item['tag'].split(' ').filter(Boolean) : [];
    if (tags.length > 10 || tags.some((tag) => [...tag].length > 20)) throw new WeChatError(85006);
    if (typeof item['title'] === 'string' && [...item['title']].length > 32) throw new WeChatError(85011);
  }
}

function statusView(audit: Audit): Record<string, unknown> {
  return { ...OK, status: audit.status, ...(audit.reason === undefined ? {} : { reason: audit.reason }), ...(audit.status === 1 ? { screenshot: audit.screenshot ?? '' } : {}) };
}

/**
 * Audits of mini programs (开发管理权限, id 18): submit (85086 nothing committed, 85009 one in review, 85085 quota),
 * status, withdraw, speed-up and the platform's quota. Reviewers decide through the control API or after
 * `auditSeconds`, and the result is pushed as `weapp_audit_*`.
 */
@Controller('wxa')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class WxaAuditController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('submit_audit')
  @HttpCode(200)
  submit(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK & { auditid: number } {
    const code = this.sandbox.apis.code.of(account.appId);
    if (!code.experience) throw new WeChatError(85086);
    if (code.pending()) throw new WeChatError(85009);
    checkItems(body['item_list'], code.experience);
    this.sandbox.apis.auditQuota.useSubmit();
    const audit = code.submit(this.sandbox.apis.newAuditId());
    this.sandbox.audits.schedule(account, audit);
    return { ...OK, auditid: audit.auditid };
  }

  @Post('get_auditstatus')
  @HttpCode(200)
  status(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    return statusView(this.sandbox.apis.code.of(account.appId).audit(body['auditid']));
  }

  @Get('get_latest_auditstatus')
  latest(@CurrentAuthorizer() account: Account): Record<string, unknown> {
    const audit = this.sandbox.apis.code.of(account.appId).latestAudit();
    return {
      ...statusView(audit),
      auditid: audit.auditid,
      user_version: audit.version.userVersion,
      user_desc: audit.version.userDesc,
      submit_audit_time: audit.submitTime,
    };
  }

  /** Withdraws the audit in review (85019 none; 87013 over 5 a day or 10 a month). */
  @Get('undocodeaudit')
  undo(@CurrentAuthorizer() account: Account): typeof OK {
    this.sandbox.apis.code.of(account.appId).undo();
    return OK;
  }

  /** The audit must be this mini program's (89403) and in review (89402), once (89404), quota 89405. */
  @Post('speedupaudit')
  @HttpCode(200)
  speedUp(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): typeof OK {
    const code = this.sandbox.apis.code.of(account.appId);
    let audit: Audit;
    try {
      audit = code.audit(body['auditid']);
    } catch {
      throw new WeChatError(89403);
    }
    if (audit !== code.pending()) throw new WeChatError(89402);
    if (audit.spedUp) throw new WeChatError(89404);
    this.sandbox.apis.auditQuota.useSpeedup();
    audit.spedUp = true;
    this.sandbox.audits.schedule(account, audit);
    return OK;
  }

  @Get('queryquota')
  quota(): Record<string, unknown> {
    return { ...OK, ...this.sandbox.apis.auditQuota.view() };
  }
}
