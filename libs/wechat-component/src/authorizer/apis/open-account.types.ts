/** Answers of {@link OpenAccountApi}. */

/** `cgi-bin/open/create` and `cgi-bin/open/get`. */
export interface OpenAccountAnswer {
  /** The open-platform account (开放平台账号) the authorizer is bound to. */
  readonly open_appid: string;
}

/** `cgi-bin/open/have`. */
export interface HaveOpenAnswer {
  /** Whether the authorizer is bound to an open-platform account. */
  readonly have_open: boolean;
}
