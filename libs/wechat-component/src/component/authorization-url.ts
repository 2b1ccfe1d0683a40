/** Options of the authorization page link. */
export interface AuthorizationUrlOptions {
  /** Which accounts may authorize: 1 official accounts, 2 mini programs, 3 both (WeChat's default). */
  authType?: 1 | 2 | 3 | number;
  /** Only this account may authorize. Exclusive with `authType`. */
  bizAppId?: string;
  /** Restrict the permission sets offered, e.g. `[1, 15]` (sent as `category_id_list=1|15`). */
  categoryIdList?: readonly number[];
}

/** What the links need besides their options. */
export interface AuthorizationLinkParts {
  readonly mpBaseUrl: string;
  readonly componentAppId: string;
  readonly preAuthCode: string;
  readonly redirectUri: string;
}

/** The PC authorization page (`componentloginpage`), opened by the account's administrator from a click. */
export function buildAuthorizationUrl(parts: AuthorizationLinkParts, options: AuthorizationUrlOptions = {}): string {
  const url = new URL(`${parts.mpBaseUrl}/cgi-bin/componentloginpage`);
  url.search = linkQuery(parts, options, undefined).toString();
  return url.toString();
}

/** The mobile link (`bindcomponent`), opened inside WeChat. */
export function buildMobileAuthorizationUrl(parts: AuthorizationLinkParts, options: AuthorizationUrlOptions = {}): string {
  const url = new URL(`${parts.mpBaseUrl}/safe/bindcomponent`);
  const query = linkQuery(parts, options, options.bizAppId ? undefined : 3);
  url.search = new URLSearchParams([['action', 'bindcomponent'], ['no_scan', '1'], ...query]).toString();
  return `${url.toString()}#wechat_redirect`;
}

function linkQuery(parts: AuthorizationLinkParts, options: AuthorizationUrlOptions, defaultAuthType: number | undefined): URLSearchParams {
  if (options.authType !== undefined && options.bizAppId) {
    throw new TypeError('authType and bizAppId are mutually exclusive on the authorization page');
  }
  const query = new URLSearchParams({
    component_appid: parts.componentAppId,
    pre_auth_code: parts.preAuthCode,
    redirect_uri: parts.redirectUri,
  });
  const authType = options.authType ?? defaultAuthType;
  if (authType !== undefined) query.set('auth_type', String(authType));
  if (options.bizAppId) query.set('biz_appid', options.bizAppId);
  if (options.categoryIdList?.length) query.set('category_id_list', options.categoryIdList.join('|'));
  return query;
}
