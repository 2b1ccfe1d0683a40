/** What {@link JsApi} builds for the JS-SDK (`wx.config`, `wx.chooseCard`, `wx.addCard`). */

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
