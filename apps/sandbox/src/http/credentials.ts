import { WeChatError } from '../common/errors.js';
import type { ComponentCredentials } from '../options.js';
import type { AccessTokenRecord, AccessTokens } from '../state/access-tokens.js';
import { stringField } from './request-values.js';

/** The checks WeChat applies to the credentials in a request, with its error codes. */
export class Credentials {
  constructor(
    private readonly component: ComponentCredentials,
    private readonly tokens: AccessTokens,
  ) {}

  /** The token in `component_access_token` or, as the newer docs write it, `access_token`. */
  presentedToken(query: unknown): string | undefined {
    return stringField(query, 'component_access_token') ?? stringField(query, 'access_token');
  }

  /**
   * A valid token of either kind.
   * @throws WeChatError 41001 missing, 40014 malformed, 40001 unknown, 42001 expired.
   */
  anyToken(token: string | undefined): AccessTokenRecord {
    if (token === undefined || token === '') throw new WeChatError(41001);
    const check = this.tokens.check(token);
    if (!check.ok) throw new WeChatError(check.errcode);
    return check.record;
  }

  /**
   * The component token of a component endpoint (either query name).
   * @throws WeChatError as {@link anyToken}, or 48001 for an authorizer's token.
   */
  componentToken(query: unknown): AccessTokenRecord {
    const record = this.anyToken(this.presentedToken(query));
    if (record.kind !== 'component') throw new WeChatError(48001);
    return record;
  }

  /**
   * The authorizer token in `access_token`.
   * @throws WeChatError as {@link anyToken}; a component token is not valid here (40001).
   */
  authorizerToken(query: unknown): AccessTokenRecord {
    const record = this.anyToken(stringField(query, 'access_token'));
    if (record.kind !== 'authorizer') throw new WeChatError(40001);
    return record;
  }

  /**
   * Checks `component_appid` (or another field) names this component.
   * @throws WeChatError 41018 missing, 40013 another appid.
   */
  componentAppId(source: unknown, field = 'component_appid'): void {
    const appId = stringField(source, field);
    if (appId === undefined || appId === '') throw new WeChatError(41018);
    if (appId !== this.component.appId) throw new WeChatError(40013);
  }

  /**
   * Checks the component's AppSecret.
   * @throws WeChatError 41004 missing, 40125 wrong.
   */
  componentSecret(source: unknown, field: string): void {
    const secret = stringField(source, field);
    if (secret === undefined || secret === '') throw new WeChatError(41004);
    if (secret !== this.component.appSecret) throw new WeChatError(40125);
  }
}
