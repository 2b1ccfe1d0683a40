import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WeChatComponentError } from '../errors/wechat-component.errors.js';
import { STORE_BACKEND } from '../store/store-tokens.js';
import { LeaseLock } from '../store/lease-lock.js';
import type { StoreBackend } from '../store/store-backend.js';
import { StoreKeys } from '../store/store-keys.js';
import type { AuthorizationResult, QueryAuthAnswer } from './component-api.types.js';
import { ComponentClient } from './component-client.js';
import { AuthorizerRegistry } from '../store/authorizer-registry.js';
import { AuthorizerTokens } from '../token/authorizer-tokens.js';
import { CLOCK, type Clock } from '../common/clock.js';

// An authorization code lives at most an hour; its result is remembered as long.
const CODE_MEMO_MS = 3600_000;
const WAIT_MS = 15_000;

/**
 * Exchanges authorization codes (`api_query_auth`) and stores what they grant. The same code arrives twice — in the
 * browser redirect and in the `authorized` push — and WeChat accepts it once, so every instance shares one exchange
 * per code and later callers get the remembered result.
 */
@Injectable()
export class AuthorizationExchange {
  constructor(
    private readonly client: ComponentClient,
    private readonly tokens: AuthorizerTokens,
    private readonly registry: AuthorizerRegistry,
    private readonly locks: LeaseLock,
    private readonly keys: StoreKeys,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * @param eventAt when the authorization happened (the push's CreateTime, epoch ms); now for a redirect. The account's
   * record changes only if no newer authorization event was applied to it.
   */
  async queryAuth(authorizationCode: string, eventAt = this.currentSecond()): Promise<AuthorizationResult> {
    if (typeof authorizationCode !== 'string' || authorizationCode.trim() === '') {
      throw new WeChatComponentError('AUTHORIZATION_CODE_MISSING', 'queryAuth needs the authorization code (auth_code of the redirect, or AuthorizationCode of the push).');
    }
    const memo = this.keys.authorizationCode(createHash('sha256').update(authorizationCode).digest('hex'));
    return this.locks.runOnce({
      key: this.keys.lock(memo),
      settled: () => this.backend.get<AuthorizationResult>(memo),
      compute: async () => {
        const result = await this.store(await this.client.queryAuth(authorizationCode), eventAt);
        await this.backend.set(memo, result, CODE_MEMO_MS);
        return result;
      },
      waitMs: WAIT_MS,
      onTimeout: () => new WeChatComponentError('QUERY_AUTH_TIMEOUT', 'Timed out waiting for another instance to exchange the authorization code.'),
    });
  }

  /**
   * Registers an authorization whose code can no longer be exchanged (61009: an earlier delivery of the push used it
   * and died before recording the result) from what WeChat holds for the account (`api_get_authorizer_info`): its
   * refresh token and permission sets, through the same conditional write; its access token is fetched on first use.
   */
  async recoverFromAuthorizerInfo(authorizerAppId: string, eventAt: number): Promise<AuthorizationResult> {
    const info = (await this.client.getAuthorizerInfo(authorizerAppId)).authorization_info;
    const funcScopeIds = (info.func_info ?? []).map((item) => item.funcscope_category.id);
    const registered = await this.registry.recordAuthorization(authorizerAppId, { refreshToken: info.authorizer_refresh_token, funcScopeIds, eventAt });
    if (registered.written) await this.tokens.scheduleIfAbsent(authorizerAppId);
    return { authorizerAppId, funcScopeIds };
  }

  private async store(answer: QueryAuthAnswer, eventAt: number): Promise<AuthorizationResult> {
    const info = answer.authorization_info;
    const funcScopeIds = (info.func_info ?? []).map((item) => item.funcscope_category.id);
    const grant = { refreshToken: info.authorizer_refresh_token, funcScopeIds, eventAt };
    const registered = await this.registry.recordAuthorization(info.authorizer_appid, grant);
    // Outdated by a newer event (a revocation applied meanwhile): its token is not kept either.
    if (registered.written && info.authorizer_access_token && info.expires_in) {
      await this.tokens.put(info.authorizer_appid, { token: info.authorizer_access_token, expiresInSeconds: info.expires_in });
    }
    return { authorizerAppId: info.authorizer_appid, funcScopeIds, accessTokenExpiresIn: info.expires_in };
  }

  /**
   * Now, at the resolution of WeChat's CreateTime (whole seconds): a redirect is ordered against pushes by the same
   * measure, so a push created in the same second (an `updateauthorized`, an `unauthorized`) is not taken for older.
   */
  private currentSecond(): number {
    return Math.floor(this.clock.now() / 1000) * 1000;
  }
}

