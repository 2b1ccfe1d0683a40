import { getFor, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type { AuthorizerTicketSource, AuthorizerTicketType, TicketAnswer } from '../../token/authorizer-tickets.js';
import { cardSignature, jsapiSignature, jsSdkNonce, signedUrl } from '../js-sdk-signature.js';
import type { CardChooseParams, CardExt, JsSdkConfig, JsSdkConfigOptions } from './jsapi.types.js';

/**
 * JS-SDK (网页服务): the `jsapi` and `wx_card` tickets — kept in the shared store and refreshed once across
 * instances, like access tokens — and the signatures built with them.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class JsApi {
  constructor(
    private readonly requester: ApiRequester,
    private readonly tickets: AuthorizerTicketSource,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `GET cgi-bin/ticket/getticket`, uncached: a new ticket each call (mind the daily limit; prefer the cached ones).
   * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
   */
  getTicket(type: AuthorizerTicketType = 'jsapi'): Promise<Unwrapped<TicketAnswer>> {
    return getFor<TicketAnswer>(this.requester, '/cgi-bin/ticket/getticket', { type });
  }

  /**
   * The cached `jsapi` ticket (`GET cgi-bin/ticket/getticket?type=jsapi` when missing or about to expire).
   * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
   */
  getJsapiTicket(): Promise<string> {
    return this.tickets.getTicket('jsapi');
  }

  /**
   * The cached `wx_card` ticket (卡券 api_ticket, `GET cgi-bin/ticket/getticket?type=wx_card`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
   */
  getJsapiCardTicket(): Promise<string> {
    return this.tickets.getTicket('wx_card');
  }

  /**
   * Fetches a new ticket of `type` now (`GET cgi-bin/ticket/getticket`), for the rare case a signature is refused
   * with a valid-looking ticket.
   * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
   */
  refreshTicket(type: AuthorizerTicketType = 'jsapi'): Promise<string> {
    return this.tickets.refreshTicket(type);
  }

  /**
   * The `wx.config` signature for a page URL with a given ticket (wechatpy's `get_jsapi_signature`; no call).
   * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
   */
  getJsapiSignature(nonceStr: string, ticket: string, timestamp: number | string, url: string): string {
    return jsapiSignature(nonceStr, ticket, timestamp, url);
  }

  /**
   * Everything `wx.config` needs for `url`, signed with the cached jsapi ticket (`GET cgi-bin/ticket/getticket` only
   * when the cache has none).
   * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
   */
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

  /**
   * Signed parameters of `wx.chooseCard`, with the cached card ticket (`GET cgi-bin/ticket/getticket` only when the
   * cache has none).
   * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
   */
  async getJsapiCardParams(cardType: string, options: { timestamp?: number; nonceStr?: string } = {}): Promise<CardChooseParams> {
    const ticket = await this.getJsapiCardTicket();
    const timestamp = options.timestamp ?? Math.floor(this.now() / 1000);
    const nonceStr = options.nonceStr ?? jsSdkNonce();
    const cardSign = cardSignature([ticket, this.requester.appId, cardType, timestamp, nonceStr]);
    return { appId: this.requester.appId, cardType, timestamp, nonceStr, signType: 'SHA1', cardSign };
  }

  /**
   * The signed `cardExt` of one card for `wx.addCard`, with the cached card ticket (`GET cgi-bin/ticket/getticket`
   * only when the cache has none).
   * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
   */
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
