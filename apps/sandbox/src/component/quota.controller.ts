import { Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { stringField } from '../http/request-values.js';
import { Sandbox } from '../sandbox.js';
import type { QuotaView } from '../state/usage.js';

/** Quota resets and the quota query (reference §1.11). */
@Controller('cgi-bin')
export class QuotaController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** Legacy: resets the component's own quota. */
  @Post('component/clear_quota')
  @HttpCode(200)
  clearComponentQuota(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.credentials.componentToken(query);
    this.sandbox.credentials.componentAppId(body);
    return this.clear(this.sandbox.component.appId);
  }

  /** Resets the quota of the token's owner; `appid` must name that owner (40013 otherwise). */
  @Post('clear_quota')
  @HttpCode(200)
  clearQuota(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): typeof OK {
    const record = this.sandbox.credentials.anyToken(stringField(query, 'access_token') ?? stringField(query, 'component_access_token'));
    const appId = stringField(body, 'appid');
    if (appId === undefined) throw new WeChatError(41002);
    if (appId !== record.owner) throw new WeChatError(40013);
    return this.clear(appId);
  }

  /** Resets with the AppSecret (no token): the platform's quota, or an authorized account's when `appid` is given. */
  @Post('component/clear_quota/v2')
  @HttpCode(200)
  clearQuotaWithSecret(@JsonBody() body: Record<string, unknown>): typeof OK {
    this.sandbox.credentials.componentAppId(body);
    this.sandbox.credentials.componentSecret(body, 'appsecret');
    const appId = stringField(body, 'appid');
    if (appId === undefined || appId === this.sandbox.component.appId) return this.clear(this.sandbox.component.appId);
    return this.clear(this.sandbox.authorizations.authorizedAccount(appId).appId);
  }

  /** The daily quota of `cgi_path` for the token's owner. */
  @Post('openapi/quota/get')
  @HttpCode(200)
  getQuota(@Query() query: Record<string, unknown>, @JsonBody() body: Record<string, unknown>): typeof OK & { quota: QuotaView } {
    const record = this.sandbox.credentials.anyToken(stringField(query, 'access_token') ?? stringField(query, 'component_access_token'));
    const quota = this.sandbox.usage.quota(record.owner, stringField(body, 'cgi_path') ?? '');
    if (!quota) throw new WeChatError(76021);
    return { ...OK, quota };
  }

  private clear(owner: string): typeof OK {
    if (!this.sandbox.usage.clear(owner)) throw new WeChatError(48006);
    return OK;
  }
}
