/** Requests and answers of {@link FastRegistrationApi}, field for field as WeChat names them. */

/** An enterprise to register a mini program for (new flow, `new_version: true`). */
export interface EnterpriseRegistration {
  /** 企业名: as registered with the market regulator (个体户: "个体户" + the legal person's name). */
  readonly name: string;
  /** The 18-character unified social credit code (统一社会信用代码); the new flow takes no other kind. */
  readonly code: string;
  /** The platform's phone number shown to the applicant. */
  readonly componentPhone: string;
}

/** A person to register a personal mini program for (new flow). */
export interface PersonalRegistration {
  /** The person's name. */
  readonly idname: string;
  /** The person's WeChat ID (微信号). */
  readonly wxuser: string;
  readonly componentPhone: string;
}

/** A trial mini program (试用小程序) to create for a WeChat user. */
export interface BetaRegistration {
  /** Its name. */
  readonly name: string;
  /** The user's openid under the platform's official account or website application (not a WeChat ID). */
  readonly openid: string;
}

/**
 * The state of a registration task: 0 created, 1 timed out (24 h), 2 refused by the user, 3 accepted, 4 face check
 * started, 5 face check failed, 6 face check passed, 7 SMS code sent, 8 phone check failed, 9 phone check passed,
 * 10 creation submitted, 11 creation failed, 12 created, 13 verified, 14 verification failed; 1001–1008 the
 * principal, administrator or phone hit a limit or a blacklist.
 */
export type RegistrationTaskStatus = number;

/** The answer to a new registration task: the applicant opens `authorize_url` (as a QR code) within 24 hours. */
export interface RegistrationTask {
  readonly taskid: string;
  /** The page where the applicant confirms and verifies (WeChat no longer sends them a template message). */
  readonly authorize_url: string;
  readonly status: RegistrationTaskStatus;
}

/** `action=query` of a registration task. */
export interface RegistrationTaskState {
  readonly taskid?: string;
  readonly status: RegistrationTaskStatus;
  readonly authorize_url?: string;
  /** The new mini program, once created (status 12 or 13). */
  readonly appid?: string;
  readonly [field: string]: unknown;
}

/** `fastregisterbetaweapp`: the trial mini program's task and the page its owner opens. */
export interface BetaRegistrationTask {
  readonly unique_id: string;
  readonly authorize_url: string;
}
