/** Requests and answers of {@link LinkApi}: URL Scheme, URL Link, Short Link. */

/** Which version a link opens. */
export type EnvVersion = 'release' | 'trial' | 'develop';

/** When a link expires: at a time, or after an interval (days, 1–30); default 30 days. */
export type LinkExpiry = { readonly expireTime: number } | { readonly expireIntervalDays: number };

/** A URL Scheme to generate (`weixin://dl/business/?t=…`). */
export interface SchemeRequest {
  /** A released page (no query), e.g. `pages/index/index`; the home page when omitted. */
  readonly path?: string;
  /** `a=1&b=2`, at most 1024 characters. */
  readonly query?: string;
  readonly envVersion?: EnvVersion;
  readonly expiry?: LinkExpiry;
}

/** `wxa/generatescheme`. */
export interface GeneratedScheme {
  readonly openlink: string;
}

/** What a scheme or URL Link opens. */
export interface LinkTarget {
  readonly appid: string;
  readonly path: string;
  readonly query: string;
  readonly create_time: number;
  /** 0 never. */
  readonly expire_time: number;
  readonly env_version: EnvVersion;
}

/** `wxa/queryscheme`. */
export interface SchemeInfo {
  readonly scheme_info: LinkTarget;
  readonly scheme_quota?: { readonly long_time_used: number; readonly long_time_limit: number };
}

/** A URL Link to generate (`https://wxaurl.cn/…`). */
export interface UrlLinkRequest {
  readonly path?: string;
  readonly query?: string;
  readonly envVersion?: EnvVersion;
  readonly expiry?: LinkExpiry;
}

/** `wxa/generate_urllink`. */
export interface GeneratedUrlLink {
  readonly url_link: string;
}

/** `wxa/query_urllink`. */
export interface UrlLinkInfo {
  readonly url_link_info: LinkTarget;
  readonly url_link_quota?: { readonly long_time_used: number; readonly long_time_limit: number };
}

/** A Short Link to generate (`#小程序://…`, opened from within WeChat). */
export interface ShortLinkRequest {
  /** A released page with its query, e.g. `pages/index/index?a=1`. */
  readonly pageUrl: string;
  /** The title shown, at most 20 characters. */
  readonly pageTitle?: string;
  /** Permanent links are limited (100 000); temporary ones last 30 days. */
  readonly permanent?: boolean;
}

/** `wxa/genwxashortlink`. */
export interface GeneratedShortLink {
  readonly link: string;
}
