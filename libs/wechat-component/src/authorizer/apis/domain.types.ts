/** Requests and answers of {@link DomainApi}. */

/** The server domain lists of a mini program, by kind (full URLs with scheme: `https://a.com`, `wss://a.com` …). */
export interface ServerDomainLists {
  readonly requestdomain?: readonly string[];
  readonly wsrequestdomain?: readonly string[];
  readonly uploaddomain?: readonly string[];
  readonly downloaddomain?: readonly string[];
  readonly udpdomain?: readonly string[];
  readonly tcpdomain?: readonly string[];
}

/** `wxa/modify_domain_directly`: the lists in effect, and the domains WeChat refused (wrong scheme, no ICP filing). */
export interface DirectDomainsResult extends ServerDomainLists {
  readonly invalid_requestdomain?: readonly string[];
  readonly invalid_wsrequestdomain?: readonly string[];
  readonly invalid_uploaddomain?: readonly string[];
  readonly invalid_downloaddomain?: readonly string[];
  readonly invalid_udpdomain?: readonly string[];
  readonly invalid_tcpdomain?: readonly string[];
  /** Domains without an ICP filing. */
  readonly no_icp_domain?: readonly string[];
}

/** `wxa/setwebviewdomain_directly` with `get`. */
export interface WebviewDomains {
  readonly webviewdomain?: readonly string[];
}

/** `wxa/get_webviewdomain_confirmfile`: serve `file_content` at `https://<domain>/<file_name>`. */
export interface WebviewConfirmFile {
  readonly file_name: string;
  readonly file_content: string;
}
