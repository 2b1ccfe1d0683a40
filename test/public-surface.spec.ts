import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as main from 'nestjs-wechat-component';
import * as fleet from 'nestjs-wechat-component/fleet';
import * as health from 'nestjs-wechat-component/health';
import * as testing from 'nestjs-wechat-component/testing';
import type { WeChatComponentError, WeChatComponentErrorCode } from 'nestjs-wechat-component';

const LIBRARY = fileURLToPath(new URL('../libs/wechat-component/', import.meta.url));

// The runtime exports of every entry point, sorted. Adding or removing one is a change to the published package:
// update this list on purpose (and the README). API groups, the clients a factory hands out and the schedulers are
// exported as types only.
const RUNTIME_EXPORTS: Record<string, { readonly entry: object; readonly names: readonly string[] }> = {
  '.': {
    entry: main,
    names: [
      'AuthorizerClientFactory',
      'AuthorizerMessageService',
      'AuthorizerNotFoundError',
      'AuthorizerReauthorizationRequiredError',
      'AuthorizerRevokedError',
      'CodeTemplateLibrary',
      'ComponentClient',
      'ComponentEventService',
      'ComponentService',
      'ComponentVerifyTicketMissingError',
      'InjectPlatform',
      'InvalidPushError',
      'OnAuthorizerMessage',
      'OnComponentEvent',
      'PlatformDiagnostics',
      'PushInProgressError',
      'RELEASE_TEST_ACCOUNT_GROUPS',
      'StoreUnavailableError',
      'StoreWriteConflictError',
      'WECHAT_WEBHOOK_METADATA',
      'WeChatApiError',
      'WeChatComponentConfigError',
      'WeChatComponentError',
      'WeChatComponentModule',
      'WeChatErrorCode',
      'WeChatFile',
      'WeChatHttpError',
      'WeChatWebhook',
      'getPlatformToken',
      'isAuthorizationEvent',
      'isComponentEventType',
      'isEventType',
      'isFastRegisterEvent',
      'isMessageType',
      'isReleaseTestAccount',
      'isUnauthorizedEvent',
      'isVerifyTicketEvent',
      'isWeChatApiError',
      'isWeChatWebhook',
      'uploadFromPath',
    ],
  },
  './testing': { entry: testing, names: ['AuthorizerStoreContractError', 'verifyAuthorizerStore'] },
  './health': { entry: health, names: ['WeChatComponentHealthIndicator'] },
  './fleet': {
    entry: fleet,
    names: [
      'CampaignNotFoundError',
      'CampaignStateError',
      'FLEET_QUEUE',
      'FleetConfigError',
      'FleetReleaseService',
      'InvalidCampaignError',
      'OnFleetEvent',
      'WeChatFleetModule',
      'isFleetAppEvent',
    ],
  },
};

/** The source file of a package.json `exports` entry (`.` → src/index.ts, `./fleet` → src/fleet/index.ts). */
function sourceOf(entry: string): string {
  return join(LIBRARY, 'src', entry === '.' ? '' : entry.slice(2), 'index.ts');
}

describe('the public surface', () => {
  const packageExports = (JSON.parse(readFileSync(join(LIBRARY, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports;
  const entries = Object.keys(packageExports).filter((entry) => !entry.endsWith('.json'));

  it('lists every entry point of the package', () => {
    expect(entries.sort()).toEqual(Object.keys(RUNTIME_EXPORTS).sort());
  });

  it.each(Object.entries(RUNTIME_EXPORTS))('%s exports exactly the listed runtime names', (_entry, { entry, names }) => {
    expect(Object.keys(entry).sort()).toEqual([...names].sort());
  });

  it.each(Object.keys(RUNTIME_EXPORTS))('%s names every export (no `export *` or `export type *`)', (entry) => {
    const wildcards = readFileSync(sourceOf(entry), 'utf8').match(/^export\s+(type\s+)?\*.*$/gm) ?? [];
    expect(wildcards).toEqual([]);
  });
});

describe('error codes', () => {
  // Every code of the WeChatComponentErrorCode union; the type assertions below fail to compile when the two differ.
  const CODES = [
    'INVALID_OPTIONS',
    'UNSUPPORTED_STORE',
    'INVALID_FLEET_OPTIONS',
    'COMPONENT_VERIFY_TICKET_MISSING',
    'AUTHORIZATION_CODE_MISSING',
    'QUERY_AUTH_TIMEOUT',
    'RID_MISSING',
    'AUTHORIZER_NOT_FOUND',
    'AUTHORIZER_REVOKED',
    'AUTHORIZER_REAUTHORIZATION_REQUIRED',
    'IMPORT_INVALID',
    'TOKEN_REFRESH_TIMEOUT',
    'TOKEN_REFRESH_DEADLINE',
    'WECHAT_API_ERROR',
    'WECHAT_HTTP_ERROR',
    'STORE_UNAVAILABLE',
    'STORE_WRITE_CONFLICT',
    'INVALID_PUSH',
    'PUSH_IN_PROGRESS',
    'CAMPAIGN_NOT_FOUND',
    'CAMPAIGN_STATE',
    'INVALID_CAMPAIGN',
  ] as const;

  it('are one union, and each error class carries its own literal', () => {
    expectTypeOf<(typeof CODES)[number]>().toEqualTypeOf<WeChatComponentErrorCode>();
    expectTypeOf<WeChatComponentError['code']>().toEqualTypeOf<WeChatComponentErrorCode>();
    const cases: readonly [WeChatComponentError, WeChatComponentErrorCode][] = [
      [new main.WeChatComponentConfigError(['x']), 'INVALID_OPTIONS'],
      [new main.ComponentVerifyTicketMissingError('wx0'), 'COMPONENT_VERIFY_TICKET_MISSING'],
      [new main.AuthorizerNotFoundError('wx1'), 'AUTHORIZER_NOT_FOUND'],
      [new main.AuthorizerRevokedError('wx1'), 'AUTHORIZER_REVOKED'],
      [new main.AuthorizerReauthorizationRequiredError('wx1'), 'AUTHORIZER_REAUTHORIZATION_REQUIRED'],
      [new main.WeChatApiError(45009, 'quota', '/cgi-bin/x'), 'WECHAT_API_ERROR'],
      [new main.WeChatHttpError('/cgi-bin/x', 'reset', { transient: true }), 'WECHAT_HTTP_ERROR'],
      [new main.StoreUnavailableError('get'), 'STORE_UNAVAILABLE'],
      [new main.StoreWriteConflictError('the record'), 'STORE_WRITE_CONFLICT'],
      [new main.InvalidPushError(400, 'bad'), 'INVALID_PUSH'],
      [new main.PushInProgressError(), 'PUSH_IN_PROGRESS'],
      [new fleet.FleetConfigError(['x']), 'INVALID_FLEET_OPTIONS'],
      [new fleet.CampaignNotFoundError('c1'), 'CAMPAIGN_NOT_FOUND'],
      [new fleet.CampaignStateError('c1', 'completed', 'resume'), 'CAMPAIGN_STATE'],
      [new fleet.InvalidCampaignError(['x']), 'INVALID_CAMPAIGN'],
    ];
    expect(cases.map(([error]) => error.code)).toEqual(cases.map(([, code]) => code));
    expectTypeOf(new main.AuthorizerRevokedError('wx1').code).toEqualTypeOf<'AUTHORIZER_REVOKED'>();
    expectTypeOf(new main.WeChatApiError(-1, 'busy', '/x').code).toEqualTypeOf<'WECHAT_API_ERROR'>();
    expectTypeOf(new main.StoreUnavailableError('get').code).toEqualTypeOf<'STORE_UNAVAILABLE'>();
  });

  it('are each thrown somewhere in the library (no code outlives its error)', () => {
    const thrown = new Set<string>();
    const walk = (dir: string): void => {
      for (const file of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, file.name);
        if (file.isDirectory()) walk(path);
        else if (file.name.endsWith('.ts') && !file.name.endsWith('.spec.ts')) {
          // A code is the first argument of `super(` in an error class or of `new WeChatComponentError(`.
          for (const match of readFileSync(path, 'utf8').matchAll(/(?:super|new WeChatComponentError)\(\s*'([A-Z][A-Z_]+)'/g)) thrown.add(match[1]!);
        }
      }
    };
    walk(join(LIBRARY, 'src'));
    expect([...thrown].sort()).toEqual([...CODES].sort());
  });
});
