import type { AuthorizerRequester } from '../authorizer-requester.js';
import type { AuthorizerTicketSource, AuthorizerTicketType, TicketAnswer } from '../authorizer-tickets.js';
import { cardSignature, jsapiSignature, jsSdkNonce, signedUrl } from '../js-sdk-signature.js';

/** What `wx.config` needs, signed for one page URL. */
export interface JsSdkConfig {
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
  /** The URL signed (without its fragment): the page must be exactly this URL. */
  url: string;
  jsApiList: string[];
  openTagList?: string[];
  debug?: boolean;
}

/** Options of {@link JsApi.getJsConfig}. */
export interface JsSdkConfigOptions {
  jsApiList?: readonly string[];
  openTagList?: readonly string[];
  debug?: boolean;
  /** Defaults: now and a random nonce. */
  timestamp?: number;
  nonceStr?: string;
}

/** The signed parameters of `wx.chooseCard`. */
export interface CardChooseParams {
  appId: string;
  cardType: string;
  timestamp: number;
  nonceStr: string;
  signType: 'SHA1';
  cardSign: string;
}

/** The `cardExt` of `wx.addCard` (JSON-encode it). */
export interface CardExt {
  code: string;
  openid: string;
  timestamp: string;
  nonce_str: string;
  fixed_begintimestamp?: number;
  outer_str?: string;
  signature: string;
}

/**
 * JS-SDK (网页服务): the `jsapi` and `wx_card` tickets — kept in the shared store and refreshed once across
 * instances, like access tokens — and the signatures built with them.
 */
export class JsApi {
  constructor(
    private readonly requester: AuthorizerRequester,
    private readonly tickets: AuthorizerTicketSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** `GET cgi-bin/ticket/getticket`, uncached: a new ticket each call (mind the daily limit; prefer the cached ones). */
  getTicket(type: AuthorizerTicketType = 'jsapi'): Promise<TicketAnswer> {
    return this.requester.get('/cgi-bin/ticket/getticket', { type });
  }

  /** The cached `jsapi` ticket (fetched when missing or about to expire). */
  getJsapiTicket(): Promise<string> {
    return this.tickets.getTicket('jsapi');
  }

  /** The cached `wx_card` ticket (卡券 api_ticket). */
  getJsapiCardTicket(): Promise<string> {
    return this.tickets.getTicket('wx_card');
  }

  /** Fetches a new ticket of `type` now, for the rare case a signature is refused with a valid-looking ticket. */
  refreshTicket(type: AuthorizerTicketType = 'jsapi'): Promise<string> {
    return this.tickets.refreshTicket(type);
  }

  /** The `wx.config` signature for a page URL with a given ticket (wechatpy's `get_jsapi_signature`). */
  getJsapiSignature(nonceStr: string, ticket: string, timestamp: number | string, url: string): string {
    return jsapiSignature(nonceStr, ticket, timestamp, url);
  }

  /** Everything `wx.config` needs for `url`, signed with the cached jsapi ticket. */
  async getJsConfig(url: string, options: JsSdkConfigOptions = {}): Promise<JsSdkConfig> {
    const ticket = await this.getJsapiTicket();
    const timestamp = options.timestamp ?? Math.floor(this.now() / 1000);
    const nonceStr = options.nonceStr ?? jsSdkNonce();
    return {
      appId: this.requester.appId,
      timestamp,
      nonceStr,
      signature: jsapiSignature(nonceStr, ticket, timestamp, url),
      url: signedUrl(url),
      jsApiList: [...(options.jsApiList ?? [])],
      ...(options.openTagList ? { openTagList: [...options.openTagList] } : {}),
      ...(options.debug === undefined ? {} : { debug: options.debug }),
    };
  }

  /** Signed parameters of `wx.chooseCard` (card ticket cached). */
  async getJsapiCardParams(cardType: string, options: { timestamp?: number; nonceStr?: string } = {}): Promise<CardChooseParams> {
    const ticket = await this.getJsapiCardTicket();
    const timestamp = options.timestamp ?? Math.floor(this.now() / 1000);
    const nonceStr = options.nonceStr ?? jsSdkNonce();
    const cardSign = cardSignature([ticket, this.requester.appId, cardType, timestamp, nonceStr]);
    return { appId: this.requester.appId, cardType, timestamp, nonceStr, signType: 'SHA1', cardSign };
  }

  /** The signed `cardExt` of one card for `wx.addCard` (card ticket cached). */
  async getJsapiAddCardParams(
    cardId: string,
    options: { code?: string; openid?: string; fixedBeginTimestamp?: number; outerStr?: string; timestamp?: number; nonceStr?: string } = {},
  ): Promise<CardExt> {
    const ticket = await this.getJsapiCardTicket();
    const timestamp = String(options.timestamp ?? Math.floor(this.now() / 1000));
    const nonceStr = options.nonceStr ?? jsSdkNonce();
    const code = options.code ?? '';
    const openid = options.openid ?? '';
    return {
      code,
      openid,
      timestamp,
      nonce_str: nonceStr,
      ...(options.fixedBeginTimestamp === undefined ? {} : { fixed_begintimestamp: options.fixedBeginTimestamp }),
      ...(options.outerStr === undefined ? {} : { outer_str: options.outerStr }),
      signature: cardSignature([nonceStr, ticket, timestamp, code, openid, cardId]),
    };
  }
}
