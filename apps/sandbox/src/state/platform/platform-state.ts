import { PerAccount } from '../../common/per-account.js';
import { FastRegistrations } from './fast-registrations.js';
import { IcpFiling } from './icp-filing.js';
import { Links } from './links.js';
import { MiniProgramAccount } from './mini-program-account.js';
import { OpenAccounts } from './open-accounts.js';
import { PhoneCodes } from './phone-codes.js';
import { PlatformDomains } from './platform-domains.js';
import { PrivacyInterfaces } from './privacy-interfaces.js';
import { RidLog } from './rid-log.js';
import { SubscribeTemplates } from './subscribe-templates.js';
import { Verification } from './verification.js';

/**
 * The state behind the platform APIs of issue 14 — fast registration, ICP filing, verification, account settings,
 * open accounts, privacy interfaces, links, subscription templates, phone numbers, the platform's domains and the
 * rids of failed calls. Per-account parts are created on first use. No HTTP here.
 */
export class PlatformApiState {
  readonly rids: RidLog;
  readonly openAccounts = new OpenAccounts();
  readonly registrations: FastRegistrations;
  readonly domains = new PlatformDomains();
  readonly links: Links;
  readonly phoneCodes: PhoneCodes;
  readonly accountSettings: PerAccount<MiniProgramAccount>;
  readonly privacyInterfaces: PerAccount<PrivacyInterfaces>;
  readonly subscribeTemplates = new PerAccount(() => new SubscribeTemplates());
  readonly icp: PerAccount<IcpFiling>;
  readonly verification = new PerAccount(() => new Verification());
  /** Admin rebinding tasks of `componentrebindadmin` (the page issued them): task id → mini program. */
  readonly rebindTasks = new Map<string, string>();
  private nextAuditId = 470_000_001;

  constructor(clock: () => number) {
    this.rids = new RidLog(clock);
    this.registrations = new FastRegistrations(clock);
    this.links = new Links(clock);
    this.phoneCodes = new PhoneCodes(clock);
    this.accountSettings = new PerAccount(() => new MiniProgramAccount(clock));
    this.privacyInterfaces = new PerAccount(() => new PrivacyInterfaces(clock));
    this.icp = new PerAccount(() => new IcpFiling(clock));
  }

  /** Audit ids (names, privacy interfaces) unique across the platform. */
  newAuditId(): number {
    return this.nextAuditId++;
  }
}
