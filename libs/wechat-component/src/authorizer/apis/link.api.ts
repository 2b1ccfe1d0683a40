import { postFor, postRead, type ApiRequester, type Unwrapped } from '../../apis/common.js';
import type {
  GeneratedScheme,
  GeneratedShortLink,
  GeneratedUrlLink,
  LinkExpiry,
  SchemeInfo,
  SchemeRequest,
  ShortLinkRequest,
  UrlLinkInfo,
  UrlLinkRequest,
} from './link.types.js';

/**
 * Links into a mini program (permission set 18): URL Scheme (`weixin://dl/business/…`, from SMS, email, other apps),
 * URL Link (`https://wxaurl.cn/…`) and Short Link (`#小程序://…`), with their queries. Every link needs a released
 * version (85079 otherwise); a path must be a released page (40165). Since 2023 schemes and URL Links expire (30
 * days at most).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`).
 */
export class LinkApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST wxa/generatescheme`: a URL Scheme (wechatpy's `get_url_scheme`). Errors: 40165 not a released page,
   * 40212 bad query, 85079 no released version, 85401 expiry out of range, 44990 too many a second.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/url-scheme/generateScheme.html
   */
  generateScheme(request: SchemeRequest = {}): Promise<Unwrapped<GeneratedScheme>> {
    return postFor(this.requester, '/wxa/generatescheme', {
      jump_wxa: {
        ...(request.path === undefined ? {} : { path: request.path }),
        ...(request.query === undefined ? {} : { query: request.query }),
        env_version: request.envVersion ?? 'release',
      },
      ...expiryFields(request.expiry),
    });
  }

  /**
   * `POST wxa/queryscheme`: what a URL Scheme opens and when it expires. Errors: 40097 not a scheme of this mini program.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/url-scheme/queryScheme.html
   */
  queryScheme(scheme: string): Promise<Unwrapped<SchemeInfo>> {
    return postRead(this.requester, '/wxa/queryscheme', { scheme });
  }

  /**
   * `POST wxa/generate_urllink`: a URL Link (wechatpy's `get_url_link`). Errors: as {@link generateScheme}.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/url-link/generateUrlLink.html
   */
  generateUrlLink(request: UrlLinkRequest = {}): Promise<Unwrapped<GeneratedUrlLink>> {
    return postFor(this.requester, '/wxa/generate_urllink', {
      ...(request.path === undefined ? {} : { path: request.path }),
      ...(request.query === undefined ? {} : { query: request.query }),
      env_version: request.envVersion ?? 'release',
      ...expiryFields(request.expiry),
    });
  }

  /**
   * `POST wxa/query_urllink`: what a URL Link opens and when it expires (40097 not a link of this mini program).
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/url-link/queryUrlLink.html
   */
  queryUrlLink(urlLink: string): Promise<Unwrapped<UrlLinkInfo>> {
    return postRead(this.requester, '/wxa/query_urllink', { url_link: urlLink });
  }

  /**
   * `POST wxa/genwxashortlink`: a Short Link. Errors: 40165 not a released page, 85400 permanent links used up.
   * @see https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/short-link/generateShortLink.html
   */
  generateShortLink(request: ShortLinkRequest): Promise<Unwrapped<GeneratedShortLink>> {
    return postFor(this.requester, '/wxa/genwxashortlink', {
      page_url: request.pageUrl,
      ...(request.pageTitle === undefined ? {} : { page_title: request.pageTitle }),
      is_permanent: request.permanent ?? false,
    });
  }
}

function expiryFields(expiry: LinkExpiry | undefined): Record<string, number | boolean> {
  if (expiry === undefined) return { is_expire: true, expire_type: 1, expire_interval: 30 };
  if ('expireTime' in expiry) return { is_expire: true, expire_type: 0, expire_time: expiry.expireTime };
  return { is_expire: true, expire_type: 1, expire_interval: expiry.expireIntervalDays };
}
