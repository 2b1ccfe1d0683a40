import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OK, WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import type { Account } from '../state/accounts.js';
import { DOMAIN_KINDS, type DomainKind } from '../state/mini-program-settings.js';
import { FUNC } from '../state/permissions.js';
import { confirmFileOf, type ConfirmFile } from '../state/platform/platform-domains.js';
import { AuthorizerApi, CurrentAuthorizer } from './authorizer-api.decorator.js';

/** The confirm file of a mini program's business domains. */
export function webviewConfirmFile(account: Account): ConfirmFile {
  return confirmFileOf('webview', account.appId);
}

/**
 * A mini program's domains set directly (permission set 18), sharing the lists of `wxa/modify_domain` and
 * `wxa/setwebviewdomain`: server domains answer the refused ones as `invalid_<kind>` (wrong scheme or malformed);
 * a business domain must serve the mini program's confirm file (86103 otherwise — the sandbox cannot fetch it, so
 * the control API says which domains serve it); personal mini programs cannot set business domains (89231).
 */
@Controller('wxa')
@AuthorizerApi({ mini_program: FUNC.MP_DEVELOPMENT })
export class DirectDomainController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Post('modify_domain_directly')
  @HttpCode(200)
  serverDomains(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    const settings = this.sandbox.apis.miniPrograms.of(account.appId);
    settings.modifyDomains(body['action'], body);
    const invalid: Record<string, string[]> = {};
    if (body['action'] !== 'get') {
      for (const kind of Object.keys(DOMAIN_KINDS) as DomainKind[]) {
        const given = Array.isArray(body[kind]) ? (body[kind] as unknown[]) : [];
        const refused = given.filter((domain) => typeof domain !== 'string' || !isDomainOf(domain, DOMAIN_KINDS[kind]));
        if (refused.length > 0) invalid[`invalid_${kind}`] = refused.map(String);
      }
    }
    return { ...OK, ...structuredClone(settings.domains), ...invalid };
  }

  @Post('setwebviewdomain_directly')
  @HttpCode(200)
  webviewDomains(@CurrentAuthorizer() account: Account, @JsonBody() body: Record<string, unknown>): Record<string, unknown> {
    if (account.principalName === '个人') throw new WeChatError(89231);
    const settings = this.sandbox.apis.miniPrograms.of(account.appId);
    if (body['action'] === 'get') return { ...OK, webviewdomain: [...settings.webviewDomains] };
    const domains = Array.isArray(body['webviewdomain']) ? (body['webviewdomain'] as unknown[]) : [];
    if (body['action'] === 'add' || body['action'] === 'set') {
      const file = webviewConfirmFile(account);
      for (const domain of domains) {
        const host = typeof domain === 'string' && URL.canParse(domain) ? new URL(domain).hostname : '';
        if (!this.sandbox.platform.domains.serves(host, file)) throw new WeChatError(86103);
      }
    }
    settings.modifyWebview(body['action'], domains);
    return OK;
  }

  @Post('get_webviewdomain_confirmfile')
  @HttpCode(200)
  confirmFile(@CurrentAuthorizer() account: Account, @JsonBody() _body: Record<string, unknown>): Record<string, unknown> {
    return { ...OK, ...webviewConfirmFile(account) };
  }
}

function isDomainOf(value: string, scheme: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === scheme && url.hostname.includes('.') && (url.pathname === '/' || url.pathname === '');
}
