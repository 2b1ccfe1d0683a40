import { Inject, Injectable } from '@nestjs/common';
import { AuthorizerNotFoundError, AuthorizerReauthorizationRequiredError, AuthorizerRevokedError } from '../errors/wechat-component.errors.js';
import { AUTHORIZER_STORE } from '../options/option-tokens.js';
import type { AuthorizerRecord, AuthorizerStatus, AuthorizerStore } from '../store/authorizer-store.js';

/** The platform's durable knowledge of its authorizers: status, refresh token, granted permission sets. */
@Injectable()
export class AuthorizerRegistry {
  constructor(@Inject(AUTHORIZER_STORE) private readonly store: AuthorizerStore) {}

  get(appId: string): Promise<AuthorizerRecord | undefined> {
    return this.store.get(appId);
  }

  /** The record of an authorizer that can be acted for; a typed error for unknown, revoked or stale ones. */
  async requireAuthorized(appId: string): Promise<AuthorizerRecord & { refreshToken: string }> {
    return this.checkAuthorized(appId, await this.store.get(appId));
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

  /** Records a (re-)authorization; a new refresh token always replaces the old one. */
  async authorized(appId: string, refreshToken: string | undefined, funcScopeIds: readonly number[]): Promise<AuthorizerRecord> {
    const previous = await this.store.get(appId);
    const now = Date.now();
    const record: AuthorizerRecord = {
      appId,
      status: 'authorized',
      refreshToken: refreshToken ?? previous?.refreshToken,
      funcScopeIds: [...funcScopeIds],
      authorizedAt: now,
      updatedAt: now,
    };
    await this.store.save(record);
    return record;
  }

  /**
   * Registers an account WeChat lists as authorized but this platform did not know (reconciliation): its granted
   * permission sets are unknown until the next authorization (or `getAuthorizerInfo`).
   */
  async restored(appId: string, refreshToken: string, authorizedAt: number): Promise<AuthorizerRecord> {
    const record: AuthorizerRecord = { appId, status: 'authorized', refreshToken, funcScopeIds: [], authorizedAt, updatedAt: Date.now() };
    await this.store.save(record);
    return record;
  }

  /** Saves a refresh token WeChat handed back, if it differs; never replaces a good one with nothing. */
  async updateRefreshToken(appId: string, refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const record = await this.store.get(appId);
    if (!record || record.refreshToken === refreshToken) return;
    await this.store.save({ ...record, refreshToken, status: 'authorized', updatedAt: Date.now() });
  }

  /** Marks the authorizer revoked and forgets its refresh token. */
  async revoked(appId: string): Promise<void> {
    const record = await this.store.get(appId);
    const now = Date.now();
    await this.store.save({
      appId,
      status: 'revoked',
      funcScopeIds: record?.funcScopeIds ?? [],
      authorizedAt: record?.authorizedAt ?? now,
      updatedAt: now,
    });
  }

  /** Marks that the refresh token no longer works; the refresh token is kept for the record. */
  async setStatus(appId: string, status: AuthorizerStatus): Promise<void> {
    const record = await this.store.get(appId);
    if (record && record.status !== status) await this.store.save({ ...record, status, updatedAt: Date.now() });
  }

  list(offset: number, limit: number): Promise<AuthorizerRecord[]> {
    return this.store.list(offset, limit);
  }

  count(): Promise<number> {
    return this.store.count();
  }

  /** Every stored authorizer, page by page. */
  async *all(pageSize = 200): AsyncGenerator<AuthorizerRecord> {
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.store.list(offset, pageSize);
      yield* page;
      if (page.length < pageSize) return;
    }
  }
}
