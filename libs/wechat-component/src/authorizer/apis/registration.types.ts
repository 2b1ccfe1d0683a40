/** Requests and answers of {@link RegistrationApi}. */

/** The company a trial mini program is verified as (`verify_info` of `wxa/verifybetaweapp`). */
export interface BetaVerification {
  readonly enterpriseName: string;
  /** The 18-character unified social credit code (new flow). */
  readonly code: string;
  readonly componentPhone: string;
  /** Fields the old flow took (`code_type`, `legal_persona_wechat`, `legal_persona_name`, `legal_persona_idcard`). */
  readonly [field: string]: unknown;
}

/** `cgi-bin/account/fastregister`: the mini program registered with the official account's principal. */
export interface OfficialAccountRegistration {
  /** The new mini program. */
  readonly appid: string;
  /** An authorization code for it: exchange it (`ComponentService.queryAuth`) to act for the mini program. */
  readonly authorization_code: string;
  readonly is_wx_verify_succ: boolean | string;
  readonly is_link_succ: boolean | string;
}
