/** Answers of the component APIs, field for field as WeChat sends them (../shared/reference §1). */
export type { AuthorizerTokenAnswer, ComponentTokenAnswer } from '../token/token-issuers.js';


/** `api_create_preauthcode`. */
export interface PreAuthCodeAnswer {
  pre_auth_code: string;
  expires_in: number;
}

/** One granted permission set. */
export interface FuncInfo {
  funcscope_category: { id: number };
  confirm_info?: { need_confirm: number; already_confirm: number; can_confirm: number };
}

/** `api_query_auth`. Token fields are present only when the account granted API permissions. */
export interface QueryAuthAnswer {
  authorization_info: {
    authorizer_appid: string;
    authorizer_access_token?: string;
    expires_in?: number;
    authorizer_refresh_token?: string;
    func_info?: FuncInfo[];
  };
}


/** `api_get_authorizer_info` (§6.1). */
export interface AuthorizerInfo {
  authorizer_info: {
    nick_name: string;
    head_img?: string;
    service_type_info: { id: number; name?: string };
    verify_type_info: { id: number; name?: string };
    user_name: string;
    alias?: string;
    qrcode_url?: string;
    principal_name?: string;
    signature?: string;
    business_info?: Record<string, number>;
    account_status?: number;
    register_type?: number;
    basic_config?: { is_phone_configured?: boolean; is_email_configured?: boolean };
    /** Present only for mini programs. */
    MiniProgramInfo?: {
      network?: Record<string, string[]>;
      categories?: Array<{ first: string; second: string }>;
      visit_status?: number;
    };
    [field: string]: unknown;
  };
  authorization_info: {
    authorizer_appid: string;
    authorizer_refresh_token?: string;
    func_info?: FuncInfo[];
  };
}

/** One row of `api_get_authorizer_list`; note the key is `refresh_token` here. */
export interface AuthorizerListItem {
  authorizer_appid: string;
  refresh_token?: string;
  auth_time: number;
}

/** `api_get_authorizer_list`. */
export interface AuthorizerList {
  total_count: number;
  list: AuthorizerListItem[];
}

/** Names accepted by the authorizer option calls (§6.3). */
export type AuthorizerOptionName = 'location_report' | 'voice_recognize' | 'customer_service';

/** `api_get_authorizer_option`. */
export interface AuthorizerOption {
  authorizer_appid?: string;
  option_name: AuthorizerOptionName | string;
  option_value: string;
}

/** What `api_query_auth` granted, as carried by authorization events. Tokens are kept in the store, not here. */
export interface AuthorizationResult {
  readonly authorizerAppId: string;
  /** Permission sets granted (`func_info[].funcscope_category.id`). */
  readonly funcScopeIds: readonly number[];
  /** Lifetime of the authorizer access token now stored, in seconds (absent for accounts without API permissions). */
  readonly accessTokenExpiresIn?: number;
}
