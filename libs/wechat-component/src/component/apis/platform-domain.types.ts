/** Answers of {@link PlatformDomainApi}; WeChat lists domains as one `;`-separated string. */

/** `modify_wxa_server_domain`. */
export interface PlatformServerDomains {
  /** In effect for the released platform ("全网发布版"); absent before the platform is released. */
  readonly published_wxa_server_domain?: string;
  /** In effect for the testing version of the platform. */
  readonly testing_wxa_server_domain?: string;
  /** Domains that failed WeChat's checks (ICP filing, format). */
  readonly invalid_wxa_server_domain?: string;
}

/** `modify_wxa_jump_domain`. */
export interface PlatformJumpDomains {
  readonly published_wxa_jump_h5_domain?: string;
  readonly testing_wxa_jump_h5_domain?: string;
  readonly invalid_wxa_jump_h5_domain?: string;
}

/** `get_domain_confirmfile`: serve `file_content` at `https://<domain>/<file_name>` before adding a jump domain. */
export interface DomainConfirmFile {
  readonly file_name: string;
  readonly file_content: string;
}

/** Options of a change. */
export interface PlatformDomainChange {
  /** Change the released platform's list too (default: only the testing version's). */
  readonly publishedTogether?: boolean;
}
