import type { ApiRequest } from '../apis/common.js';

/** The web OAuth scopes of an official account. */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

/** `sns/oauth2/component/access_token` and `…/refresh_token`. */
export interface OAuthUserToken {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: string;
  unionid?: string;
}

/** `sns/userinfo`. */
export interface OAuthUserInfo {
  openid: string;
  nickname: string;
  sex?: number | string;
  province?: string;
  city?: string;
  country?: string;
  headimgurl?: string;
  privilege?: string[];
  unionid?: string;
}

/** `sns/component/jscode2session`: a mini-program user's login session. */
export interface MiniProgramSession {
  openid: string;
  /** The session key, for decrypting `wx.getUserInfo` data; never log it. */
  session_key: string;
  /** Present when the mini program is bound to an Open Platform account. */
  unionid?: string;
}

/** What {@link ComponentOAuth} calls through: the component client (`ComponentClient`). */
export interface ComponentRequester {
  /** The component AppID. */
  readonly appId: string;
  request<T>(request: ApiRequest & { readonly tokenParam?: 'access_token' | 'component_access_token' }): Promise<T>;
}

/**
 * Web OAuth on behalf of one authorized official account (代公众号发起网页授权): the authorize URL, code → user
 * token, refresh, user info; and mini-program login (`jscode2session`) for an authorized mini program. The code
 * exchanges are signed with the component access token, as WeChat requires.
 */
export class ComponentOAuth {
  constructor(
    /** The official account the users authorize. */
    readonly appId: string,
    private readonly component: ComponentRequester,
    private readonly openBaseUrl: string,
  ) {}

  /** The URL to send the user's browser to (inside WeChat); it comes back to `redirectUri?code=…&state=…`. */
  getAuthorizeUrl(redirectUri: string, options: { scope?: OAuthScope; state?: string } = {}): string {
    const query = new URLSearchParams({
      appid: this.appId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: options.scope ?? 'snsapi_base',
    });
    if (options.state) query.set('state', options.state);
    query.set('component_appid', this.component.appId);
    return `${this.openBaseUrl}/connect/oauth2/authorize?${query.toString()}#wechat_redirect`;
  }

  /** Exchanges the `code` of the redirect for the user's token and openid. */
  fetchAccessToken(code: string): Promise<OAuthUserToken> {
    return this.sns('/sns/oauth2/component/access_token', { code, grant_type: 'authorization_code' });
  }

  /** Renews a user token with its refresh token (valid 30 days). */
  refreshAccessToken(refreshToken: string): Promise<OAuthUserToken> {
    return this.sns('/sns/oauth2/component/refresh_token', { refresh_token: refreshToken, grant_type: 'refresh_token' });
  }

  /** The user's profile (scope `snsapi_userinfo`), with the user's own token. */
  getUserInfo(accessToken: string, openId: string, lang: 'zh_CN' | 'zh_TW' | 'en' = 'zh_CN'): Promise<OAuthUserInfo> {
    return this.component.request({
      method: 'GET',
      path: '/sns/userinfo',
      query: { access_token: accessToken, openid: openId, lang },
      anonymous: true,
    });
  }

  /**
   * `GET sns/component/jscode2session`: exchanges the `code` of `wx.login()` inside the authorized mini program
   * (`appId`) for the user's openid and session key, signed with the component access token (reference §1.13).
   */
  jscode2session(jsCode: string): Promise<MiniProgramSession> {
    return this.sns('/sns/component/jscode2session', { js_code: jsCode, grant_type: 'authorization_code' });
  }

  private sns<T>(path: string, query: Record<string, string>): Promise<T> {
    return this.component.request<T>({
      method: 'GET',
      path,
      query: { appid: this.appId, ...query, component_appid: this.component.appId },
      tokenParam: 'component_access_token',
    });
  }
}
