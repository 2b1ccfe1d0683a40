import { Inject, Injectable } from '@nestjs/common';
import { StoreWriteConflictError } from '../errors/store.errors.js';
import { AuthorizerNotFoundError, AuthorizerReauthorizationRequiredError, AuthorizerRevokedError } from '../errors/wechat-component.errors.js';
import { AUTHORIZER_STORE } from './store-tokens.js';
import type { AuthorizerRecord, AuthorizerStore } from './authorizer-store.js';
import { CLOCK, type Clock } from '../common/clock.js';

/** A record's fields a change sets; `version`, `updatedAt` and `appId` are the registry's. */
type RecordChange = Omit<AuthorizerRecord, 'appId' | 'version' | 'updatedAt'>;

/** The outcome of a conditional change: whether it was written, and the record as it stands afterwards. */
export interface RegistryWrite {
  readonly written: boolean;
  readonly record: AuthorizerRecord | undefined;
}

// A change re-reads and re-decides after each lost compare-and-set; this many losses in a row is a conflict storm.
const MAX_ATTEMPTS = 8;

/**
 * The platform's durable knowledge of its authorizers: status, refresh token, granted permission sets.
 *
 * Every change is decided on the record as read and written only over that very version (a compare-and-set in the
 * {@link AuthorizerStore}); when another writer got there first the change is decided again on the newer record, so
 * each change states its precondition — "the refresh token is still the one I used", "this event is not older than
 * the last one applied" — and a late writer loses instead of overwriting.
 */
@Injectable()
export class AuthorizerRegistry {
  constructor(@Inject(AUTHORIZER_STORE) private readonly store: AuthorizerStore, @Inject(CLOCK) private readonly clock: Clock) {}

  async get(appId: string): Promise<AuthorizerRecord | undefined> {
    return normalized(await this.store.get(appId));
  }

  /** The record of an authorizer that can be acted for; a typed error for unknown, revoked or stale ones. */
  async requireAuthorized(appId: string): Promise<AuthorizerRecord & { refreshToken: string }> {
    return this.checkAuthorized(appId, await this.get(appId));
  }

  /** {@link requireAuthorized} for a record already read. */
  checkAuthorized(appId: string, record: AuthorizerRecord | undefined): AuthorizerRecord & { refreshToken: string } {
    if (!record) throw new AuthorizerNotFoundError(appId);
    if (record.status === 'revoked') throw new AuthorizerRevokedError(appId);
    if (record.status === 'reauthorization_required' || !record.refreshToken) {
      throw new AuthorizerReauthorizationRequiredError(appId);
    }
    return record as AuthorizerRecord & { refreshToken: string };
  }

  /**
   * Records a (re-)authorization that happened at `eventAt` (the push's CreateTime, or now for a redirect): a new
   * refresh token replaces the old one — unless an authorization event newer than `eventAt` was applied already.
   */
  recordAuthorization(
    appId: string,
    grant: { refreshToken: string | undefined; funcScopeIds: readonly number[]; eventAt: number },
  ): Promise<RegistryWrite> {
    return this.change(appId, (current, now) => {
      if (current && grant.eventAt < current.lastEventAt) return undefined;
      const refreshToken = grant.refreshToken ?? current?.refreshToken;
      return {
        status: 'authorized',
        ...(refreshToken ? { refreshToken } : {}),
        funcScopeIds: [...grant.funcScopeIds],
        authorizedAt: now,
        lastEventAt: grant.eventAt,
      };
    });
  }

  /**
   * Records a revocation (an `unauthorized` push created at `eventAt`): the refresh token is forgotten — unless an
   * authorization event newer than `eventAt` was applied already. A revocation of an unknown account is recorded
   * too, so an older `authorized` retried late cannot bring it back.
   */
  recordRevocation(appId: string, eventAt: number): Promise<RegistryWrite> {
    return this.change(appId, (current, now) => {
      if (current && (eventAt < current.lastEventAt || current.status === 'revoked')) return undefined;
      return { status: 'revoked', funcScopeIds: current?.funcScopeIds ?? [], authorizedAt: current?.authorizedAt ?? now, lastEventAt: eventAt };
    });
  }

  /**
   * Saves the refresh token WeChat answered a refresh with, if the record still holds the token the refresh used
   * (`used`) and is authorized; another writer's newer token, or a revocation, wins.
   */
  rotateRefreshToken(appId: string, used: string, next: string): Promise<RegistryWrite> {
    return this.change(appId, (current) => {
      if (!current || current.status !== 'authorized' || current.refreshToken !== used || next === used) return undefined;
      return { ...fieldsOf(current), refreshToken: next };
    });
  }

  /**
   * Adopts a refresh token that WeChat accepted although it was not the stored one (the one `api_get_authorizer_info`
   * or `api_get_authorizer_list` gave): written only over the record the caller read (`readVersion`), and clears
   * `reauthorization_required`.
   */
  adoptRefreshToken(appId: string, readVersion: number, refreshToken: string): Promise<RegistryWrite> {
    return this.change(appId, (current) => {
      if (!current || current.version !== readVersion || current.status === 'revoked') return undefined;
      return { ...fieldsOf(current), status: 'authorized', refreshToken };
    });
  }

  /** WeChat refused `refused` (61023) and nothing better was found: only if it is still the stored token. */
  markReauthorizationRequired(appId: string, refused: string): Promise<RegistryWrite> {
    return this.change(appId, (current) => {
      if (!current || current.status !== 'authorized' || current.refreshToken !== refused) return undefined;
      return { ...fieldsOf(current), status: 'reauthorization_required' };
    });
  }

  /** WeChat said the account no longer authorizes the platform (61003) to a refresh with `used`. */
  markRevokedByWeChat(appId: string, used: string): Promise<RegistryWrite> {
    return this.change(appId, (current) => {
      if (!current || current.status === 'revoked' || current.refreshToken !== used) return undefined;
      const { refreshToken: _forgotten, ...rest } = fieldsOf(current);
      return { ...rest, status: 'revoked' };
    });
  }

  /**
   * Registers an account WeChat lists as authorized but this platform does not know (reconciliation): its granted
   * permission sets are unknown until the next authorization (or `getAuthorizerInfo`). Only if still unknown.
   */
  registerListed(appId: string, refreshToken: string, authorizedAt: number): Promise<RegistryWrite> {
    return this.change(appId, (current) => {
      if (current) return undefined;
      return { status: 'authorized', refreshToken, funcScopeIds: [], authorizedAt, lastEventAt: authorizedAt };
    });
  }

  list(offset: number, limit: number): Promise<AuthorizerRecord[]> {
    return this.store.list(offset, limit).then((records) => records.map((record) => normalized(record)!));
  }

  count(): Promise<number> {
    return this.store.count();
  }

  /** Every stored authorizer, page by page. */
  async *all(pageSize = 200): AsyncGenerator<AuthorizerRecord> {
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.list(offset, pageSize);
      yield* page;
      if (page.length < pageSize) return;
    }
  }

  /**
   * The one way a record changes: read, let `decide` say what the record becomes (undefined: nothing to do), write
   * over the version read; when another writer won, read and decide again.
   */
  private async change(
    appId: string,
    decide: (current: AuthorizerRecord | undefined, now: number) => RecordChange | undefined,
  ): Promise<RegistryWrite> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.get(appId);
      const now = this.clock.now();
      const next = decide(current, now);
      if (!next) return { written: false, record: current };
      const record: AuthorizerRecord = { ...next, appId, version: (current?.version ?? 0) + 1, updatedAt: now };
      if (await this.store.save(record, current ? current.version : null)) return { written: true, record };
    }
    throw new StoreWriteConflictError(`The record of authorizer ${appId}`);
  }
}

/** A record as stored by any version of the module (records before 0.2 carry no version or event time). */
function normalized(record: AuthorizerRecord | undefined): AuthorizerRecord | undefined {
  if (!record || (record.version !== undefined && record.lastEventAt !== undefined)) return record;
  return { ...record, version: record.version ?? 0, lastEventAt: record.lastEventAt ?? 0 };
}

function fieldsOf(record: AuthorizerRecord): RecordChange {
  const { appId: _appId, version: _version, updatedAt: _updatedAt, ...fields } = record;
  return fields;
}
