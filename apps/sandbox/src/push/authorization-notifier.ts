import { epochSeconds } from '../common/clock.js';
import type { Account } from '../state/accounts.js';
import type { AuthorizationGrant, Authorizations } from '../state/authorizations.js';
import { authorizationEvent, unauthorizedEvent } from './component-events.js';
import type { EventPusher } from './event-pusher.js';
import type { PushRecord } from './push-log.js';

/** Options of a grant made through the page, the control API or the release test. */
export interface GrantOptions {
  funcIds?: readonly number[];
  preAuthCode?: string;
  /** Push `authorized`/`updateauthorized` (default true). */
  push?: boolean;
}

/** Changes an account's authorization and tells the platform, as WeChat does. */
export class AuthorizationNotifier {
  constructor(
    private readonly componentAppId: string,
    private readonly authorizations: Authorizations,
    private readonly events: EventPusher,
    private readonly clock: () => number,
  ) {}

  /** Grants (or updates) the authorization and pushes `authorized` (or `updateauthorized`). */
  async grant(account: Account, options: GrantOptions = {}): Promise<{ grant: AuthorizationGrant; push?: PushRecord }> {
    const grant = this.authorizations.grant(account, options.funcIds, options.preAuthCode);
    if (options.push === false) return { grant };
    const now = epochSeconds(this.clock);
    const push = await this.events.push(
      authorizationEvent(this.componentAppId, now, {
        infoType: grant.infoType,
        authorizerAppId: account.appId,
        authorizationCode: grant.authorizationCode,
        authorizationCodeExpiredTime: Math.floor(grant.authorizationCodeExpiresAt / 1000),
        preAuthCode: grant.preAuthCode,
      }),
      account.appId,
    );
    return push ? { grant, push } : { grant };
  }

  /** Revokes the authorization and pushes `unauthorized`. */
  async revoke(account: Account, options: { push?: boolean } = {}): Promise<{ push?: PushRecord }> {
    this.authorizations.revoke(account);
    if (options.push === false) return {};
    const push = await this.events.push(unauthorizedEvent(this.componentAppId, epochSeconds(this.clock), account.appId), account.appId);
    return push ? { push } : {};
  }
}
