import { WeChatError } from '../common/errors.js';
import { found } from '../common/found.js';
import type { CodeTemplate } from './code-templates.js';

/** The experience version: the last committed code. */
export interface ExperienceVersion {
  readonly templateId: number;
  readonly userVersion: string;
  readonly userDesc: string;
  readonly extJson: Record<string, unknown>;
  readonly pages: readonly string[];
  readonly privacyKeys: readonly string[];
  readonly commitTime: number;
}

/** An audit; `status` 0 approved, 1 rejected, 2 in review, 3 withdrawn, 4 delayed. */
export interface Audit {
  readonly auditid: number;
  status: 0 | 1 | 2 | 3 | 4;
  reason?: string;
  screenshot?: string;
  readonly version: ExperienceVersion;
  readonly submitTime: number;
  spedUp: boolean;
  released: boolean;
}

/** A released version. */
export interface ReleasedVersion {
  readonly appVersion: number;
  readonly userVersion: string;
  readonly userDesc: string;
  readonly pages: readonly string[];
  readonly releaseTime: number;
  /** A version restored by `revertcoderelease` cannot be reverted again. */
  readonly reverted: boolean;
}

/** The phased-release plan (`getgrayreleaseplan`). */
export interface GrayPlan {
  status: 0 | 1 | 2 | 3 | 4;
  readonly create_timestamp: number;
  gray_percentage: number;
  support_debuger_first: boolean;
  support_experiencer_first: boolean;
}

const HISTORY = 5;
const UNDO_PER_DAY = 5;
const UNDO_PER_MONTH = 10;

/** Parses and checks `ext_json` against a template (85048 parse, 85047 empty pages, 85045 unknown page, 85046 tab bar). */
export function parseExtJson(extJson: unknown, template: CodeTemplate): { ext: Record<string, unknown>; pages: string[] } {
  if (typeof extJson !== 'string') throw new WeChatError(85013);
  let ext: unknown;
  try {
    ext = extJson.trim() === '' ? {} : JSON.parse(extJson);
  } catch {
    throw new WeChatError(85048);
  }
  if (typeof ext !== 'object' || ext === null || Array.isArray(ext)) throw new WeChatError(85048);
  const config = ext as Record<string, unknown>;
  let pages = [...template.pages];
  if (config['pages'] !== undefined) {
    if (!Array.isArray(config['pages'])) throw new WeChatError(85048);
    if (config['pages'].length === 0) throw new WeChatError(85047);
    if (!config['pages'].every((page) => typeof page === 'string' && template.pages.includes(page))) throw new WeChatError(85045);
    pages = config['pages'] as string[];
  }
  const tabList = ((config['tabBar'] as Record<string, unknown> | undefined)?.['list'] ?? []) as unknown[];
  if (!Array.isArray(tabList) || !tabList.every((tab) => pages.includes((tab as Record<string, unknown> | null)?.['pagePath'] as string))) {
    throw new WeChatError(85046);
  }
  return { ext: config, pages };
}

/**
 * The code of one mini program managed by the platform: commit → experience version → audit → release, with
 * phased release, rollback (the last 5 releases), withdrawal limits and visit status.
 */
export class MiniProgramCode {
  experience?: ExperienceVersion;
  release?: ReleasedVersion;
  gray?: GrayPlan;
  visitOpen = true;
  /** How many times code was committed (`wxa/commit` accepted). */
  commits = 0;
  private readonly audits = new Map<number, Audit>();
  private latest?: Audit;
  private readonly history: ReleasedVersion[] = [];
  private nextAppVersion = 1;
  private undos: number[] = [];

  constructor(private readonly clock: () => number) {}

  commit(template: CodeTemplate, extJson: unknown, userVersion: unknown, userDesc: unknown): ExperienceVersion {
    if (typeof userVersion !== 'string' || userVersion === '' || userVersion.length > 64) throw new WeChatError(47001);
    const { ext, pages } = parseExtJson(extJson, template);
    this.experience = {
      templateId: template.templateId,
      userVersion,
      userDesc: typeof userDesc === 'string' ? userDesc : '',
      extJson: ext,
      pages,
      privacyKeys: template.privacyKeys,
      commitTime: Math.floor(this.clock() / 1000),
    };
    this.commits++;
    return this.experience;
  }

  /** @throws WeChatError 86001 nothing committed. */
  requireExperience(): ExperienceVersion {
    if (!this.experience) throw new WeChatError(86001);
    return this.experience;
  }

  /** @throws WeChatError 85086 nothing committed, 85009 an audit in progress. */
  submit(auditid: number): Audit {
    if (!this.experience) throw new WeChatError(85086);
    if (this.pending()) throw new WeChatError(85009);
    const audit: Audit = { auditid, status: 2, version: this.experience, submitTime: Math.floor(this.clock() / 1000), spedUp: false, released: false };
    this.audits.set(auditid, audit);
    this.latest = audit;
    return audit;
  }

  /** How many audits were accepted (`wxa/submit_audit` answered an auditid), withdrawn and decided ones included. */
  get submissions(): number {
    return this.audits.size;
  }

  /** The audit in review (2) or delayed (4), if any. */
  pending(): Audit | undefined {
    return this.latest && (this.latest.status === 2 || this.latest.status === 4) ? this.latest : undefined;
  }

  /** @throws WeChatError 85012 not an audit of this mini program. */
  audit(auditid: unknown): Audit {
    return found(this.audits.get(Number(auditid)), 85012);
  }

  /** @throws WeChatError 85058 never submitted. */
  latestAudit(): Audit {
    if (!this.latest) throw new WeChatError(85058);
    return this.latest;
  }

  /** Withdraws the audit in review. @throws WeChatError 85019 none, 87013 over 5 a day / 10 a month. */
  undo(): void {
    const audit = this.pending();
    if (!audit) throw new WeChatError(85019);
    const now = this.clock();
    this.undos = this.undos.filter((at) => now - at < 31 * 86_400_000);
    const today = this.undos.filter((at) => now - at < 86_400_000).length;
    if (today >= UNDO_PER_DAY || this.undos.length >= UNDO_PER_MONTH) throw new WeChatError(87013);
    this.undos.push(now);
    audit.status = 3;
  }

  /** Releases the last approved audit. @throws WeChatError 85019 never approved, 85020 latest not approved or released. */
  releaseApproved(): ReleasedVersion {
    const audit = this.latest;
    if (![...this.audits.values()].some((a) => a.status === 0)) throw new WeChatError(85019);
    if (!audit || audit.status !== 0 || audit.released) throw new WeChatError(85020);
    audit.released = true;
    if (this.gray?.status === 1) this.gray.status = 3;
    return this.publish({ userVersion: audit.version.userVersion, userDesc: audit.version.userDesc, pages: audit.version.pages }, false);
  }

  /** Back to the previous (or `appVersion`) release. @throws WeChatError 87011 gray release running, 87012 nothing to revert to. */
  revert(appVersion?: number): ReleasedVersion {
    if (this.gray?.status === 1) throw new WeChatError(87011);
    if (!this.release || this.release.reverted) throw new WeChatError(87012);
    const index = appVersion === undefined ? this.history.length - 1 : this.history.findIndex((v) => v.appVersion === appVersion);
    const target = this.history[index];
    if (!target) throw new WeChatError(87012);
    this.history.splice(index, 1);
    this.release = { ...target, releaseTime: Math.floor(this.clock() / 1000), reverted: true };
    return this.release;
  }

  historyVersions(): Array<{ app_version: number; user_version: string; user_desc: string; commit_time: number }> {
    return this.history.map((v) => ({ app_version: v.appVersion, user_version: v.userVersion, user_desc: v.userDesc, commit_time: v.releaseTime }));
  }

  /**
   * Starts or widens a phased release of the approved, unreleased version.
   * @throws WeChatError 85079 no release yet, 85080 nothing approved to release, 85081 bad percentage, 85082 not higher.
   */
  grayRelease(percentage: unknown, debugerFirst: boolean, experiencerFirst: boolean): GrayPlan {
    if (!this.release) throw new WeChatError(85079);
    if (!this.latest || this.latest.status !== 0 || this.latest.released) throw new WeChatError(85080);
    if (typeof percentage !== 'number' || !Number.isInteger(percentage) || percentage < 0 || percentage > 100) throw new WeChatError(85081);
    if (percentage === 0 && !debugerFirst && !experiencerFirst) throw new WeChatError(85081);
    if (this.gray?.status === 1 && percentage <= this.gray.gray_percentage) throw new WeChatError(85082);
    this.gray = {
      status: 1,
      create_timestamp: this.gray?.status === 1 ? this.gray.create_timestamp : Math.floor(this.clock() / 1000),
      gray_percentage: percentage,
      support_debuger_first: debugerFirst,
      support_experiencer_first: experiencerFirst,
    };
    return this.gray;
  }

  /** Cancels the phased release. @throws WeChatError 40097 none running. */
  revertGray(): void {
    if (this.gray?.status !== 1) throw new WeChatError(40097);
    this.gray.status = 4;
  }

  /** @throws WeChatError 85021 no release, or already in that state. */
  setVisit(action: unknown): void {
    if (action !== 'open' && action !== 'close') throw new WeChatError(40097);
    if (!this.release || this.visitOpen === (action === 'open')) throw new WeChatError(85021);
    this.visitOpen = action === 'open';
  }

  private publish(version: Pick<ReleasedVersion, 'userVersion' | 'userDesc' | 'pages'>, reverted: boolean): ReleasedVersion {
    if (this.release) {
      this.history.push(this.release);
      if (this.history.length > HISTORY) this.history.shift();
    }
    this.release = { ...version, appVersion: this.nextAppVersion++, releaseTime: Math.floor(this.clock() / 1000), reverted };
    return this.release;
  }
}
