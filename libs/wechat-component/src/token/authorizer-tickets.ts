import { Injectable } from '@nestjs/common';
import type { AccessTokenSource } from '../http/wechat-request.js';
import { WeChatHttpClient } from '../http/wechat-http.client.js';
import { StoreKeys } from '../store/store-keys.js';
import { TokenKeeper, type ManagedToken } from './token-keeper.js';

/** The tickets of `cgi-bin/ticket/getticket`: `jsapi` signs `wx.config`, `wx_card` signs card JS APIs. */
export type AuthorizerTicketType = 'jsapi' | 'wx_card';

/** `cgi-bin/ticket/getticket`. */
export interface TicketAnswer {
  errcode: number;
  errmsg: string;
  ticket: string;
  expires_in: number;
}

/** An authorizer's tickets: read from the shared store, fetched once across instances when missing or stale. */
export interface AuthorizerTicketSource {
  getTicket(type: AuthorizerTicketType): Promise<string>;
  /** Fetches a new ticket now (still one fetch across callers and instances). */
  refreshTicket(type: AuthorizerTicketType): Promise<string>;
}

/**
 * The jsapi and wx_card tickets of authorizers, kept by the {@link TokenKeeper} exactly like access tokens: cached in
 * the store for their lifetime (7200 s), refreshed before they expire by one caller across every instance.
 */
@Injectable()
export class AuthorizerTickets {
  constructor(
    private readonly http: WeChatHttpClient,
    private readonly keeper: TokenKeeper,
    private readonly keys: StoreKeys,
  ) {}

  /** The ticket source of one authorizer, fetching with its access token. */
  source(appId: string, credential: AccessTokenSource): AuthorizerTicketSource {
    const managed = (type: AuthorizerTicketType): ManagedToken => ({
      key: this.keys.authorizerTicket(appId, type),
      label: `${type} ticket of authorizer ${appId}`,
      fetch: async () => {
        const answer = await this.http.call<TicketAnswer>({ method: 'GET', path: '/cgi-bin/ticket/getticket', query: { type }, credential });
        return { token: answer.ticket, expiresInSeconds: answer.expires_in };
      },
    });
    return {
      getTicket: (type) => this.keeper.getToken(managed(type)),
      refreshTicket: async (type) => (await this.keeper.forceRefresh(managed(type))).token,
    };
  }
}
