import { WeChatError } from '../../common/errors.js';
import type { Account } from '../accounts.js';

/** A part of WeChat's category table (ids as WeChat numbers them); `sensitive` ones need a qualification. */
export const CATEGORY_TABLE = [
  { id: 287, name: '工具', level: 1, father: 0, children: [616, 612, 613], sensitive: false },
  { id: 616, name: '效率', level: 2, father: 287, children: [], sensitive: false },
  { id: 612, name: '办公', level: 2, father: 287, children: [], sensitive: false },
  { id: 613, name: '信息查询', level: 2, father: 287, children: [], sensitive: false },
  { id: 220, name: '餐饮服务', level: 1, father: 0, children: [221], sensitive: false },
  { id: 221, name: '点餐平台', level: 2, father: 220, children: [], sensitive: false },
  { id: 304, name: '医疗服务', level: 1, father: 0, children: [305], sensitive: true },
  { id: 305, name: '互联网医院', level: 2, father: 304, children: [], sensitive: true },
  { id: 150, name: '教育服务', level: 1, father: 0, children: [151], sensitive: true },
  { id: 151, name: '在线教育', level: 2, father: 150, children: [], sensitive: true },
] as const;

/** A category set on the mini program, with its audit (1 in review, 2 rejected, 3 approved). */
export interface SetCategory {
  first: number;
  second: number;
  auditStatus: 1 | 2 | 3;
  auditReason: string;
  certificates: Array<{ key: string; value: string }>;
}

/** A name audit (`wxa/setnickname` with a keyword): 1 in review, 2 rejected, 3 approved. */
export interface NicknameAudit {
  readonly auditId: number;
  readonly nickname: string;
  status: 1 | 2 | 3;
  reason: string;
  readonly createTime: number;
  auditTime: number;
}

const MONTHLY_SIGNATURE_CHANGES = 5;
const MONTHLY_HEAD_IMAGE_CHANGES = 5;
const MONTHLY_NAME_CHANGES = 2;
const MONTHLY_CATEGORY_CHANGES = 10;
const MAX_CATEGORIES = 5;
/** Words that make a name go to an audit (the documents must prove the right to them). */
const AUDITED_NAME_WORDS = ['官方', '旗舰', '中国'];
const FORBIDDEN_NAME_WORDS = ['微信', '腾讯', '小程序'];
const FORBIDDEN_SIGNATURE_WORDS = ['赌博', '代开发票'];

function categoryName(id: number): string {
  return CATEGORY_TABLE.find((entry) => entry.id === id)?.name ?? '';
}

/**
 * The account settings of one mini program (小程序基本信息设置): name (with its audits), head image, introduction,
 * search visibility, categories (with their audits) and the changes left this month.
 */
export class MiniProgramAccount {
  headImageUrl = '';
  searchHidden = false;
  readonly categories: SetCategory[] = [
    { first: 287, second: 616, auditStatus: 3, auditReason: '', certificates: [] },
    { first: 220, second: 221, auditStatus: 3, auditReason: '', certificates: [] },
  ];
  private readonly audits = new Map<number, NicknameAudit>();
  private readonly used = { month: -1, signature: 0, headImage: 0, name: 0, category: 0 };

  constructor(private readonly clock: () => number) {}

  /** `checkwxverifynickname`: 53010 malformed, 53012 forbidden; `hit_condition` for names that go to an audit. */
  checkNickname(name: unknown, takenBy: (name: string) => boolean): { hit_condition: boolean; wording: string } {
    const nickname = this.validName(name, takenBy);
    const hit = AUDITED_NAME_WORDS.some((word) => nickname.includes(word));
    return { hit_condition: hit, wording: hit ? '该名称需要提供证明材料，并通过审核后方可使用' : '' };
  }

  /**
   * `setnickname`: a name without an audited word is set at once; one with is audited and needs `license` or
   * `id_card` (40097 otherwise). 53300 after 2 changes this month.
   */
  setNickname(account: Account, body: Record<string, unknown>, takenBy: (name: string) => boolean, newAuditId: () => number): { audit_id?: number; wording: string } {
    const nickname = this.validName(body['nick_name'], takenBy);
    const audited = AUDITED_NAME_WORDS.some((word) => nickname.includes(word));
    if (audited && typeof body['license'] !== 'string' && typeof body['id_card'] !== 'string') throw new WeChatError(40097);
    this.spend('name', MONTHLY_NAME_CHANGES, 53300);
    if (!audited) {
      account.nickName = nickname;
      return { wording: '' };
    }
    const now = Math.floor(this.clock() / 1000);
    const audit: NicknameAudit = { auditId: newAuditId(), nickname, status: 1, reason: '', createTime: now, auditTime: 0 };
    this.audits.set(audit.auditId, audit);
    return { audit_id: audit.auditId, wording: '名称已提交审核' };
  }

  /** `api_wxa_querynickname`. @throws WeChatError 40097 unknown audit. */
  nicknameAudit(auditId: unknown): NicknameAudit {
    const audit = typeof auditId === 'number' || typeof auditId === 'string' ? this.audits.get(Number(auditId)) : undefined;
    if (!audit) throw new WeChatError(40097);
    return audit;
  }

  /** The name audit in review, if any. */
  pendingNicknameAudit(): NicknameAudit | undefined {
    return [...this.audits.values()].find((audit) => audit.status === 1);
  }

  /** Decides a name audit (the reviewers); an approved name becomes the account's. */
  decideNickname(account: Account, audit: NicknameAudit, approve: boolean, reason: string): void {
    audit.status = approve ? 3 : 2;
    audit.reason = approve ? '' : reason;
    audit.auditTime = Math.floor(this.clock() / 1000);
    if (approve) account.nickName = audit.nickname;
  }

  /** `modifyheadimage` from a temporary image: 53202 after 5 changes this month. */
  setHeadImage(url: string): void {
    this.spend('headImage', MONTHLY_HEAD_IMAGE_CHANGES, 53202);
    this.headImageUrl = url;
  }

  /** `modifysignature`: 4–120 characters (53204), no forbidden word (53201), 5 changes a month (53200). */
  setSignature(account: Account, signature: unknown): void {
    if (typeof signature !== 'string' || [...signature].length < 4 || [...signature].length > 120) throw new WeChatError(53204);
    if (FORBIDDEN_SIGNATURE_WORDS.some((word) => signature.includes(word))) throw new WeChatError(53201);
    this.spend('signature', MONTHLY_SIGNATURE_CHANGES, 53200);
    account.signature = signature;
  }

  /** The changes used this month and their quotas (for `getaccountbasicinfo`). */
  quotas(): { signature: [number, number]; headImage: [number, number]; name: [number, number] } {
    this.rollMonth();
    return {
      signature: [this.used.signature, MONTHLY_SIGNATURE_CHANGES],
      headImage: [this.used.headImage, MONTHLY_HEAD_IMAGE_CHANGES],
      name: [this.used.name, MONTHLY_NAME_CHANGES],
    };
  }

  /**
   * `addcategory`: known second-level ids (53303), not set yet (53304), 5 at most (53301), a qualification for a
   * sensitive one (53311, which then goes to an audit), 10 changes a month (53300).
   */
  addCategories(list: unknown): SetCategory[] {
    if (!Array.isArray(list) || list.length === 0) throw new WeChatError(53303);
    const added: SetCategory[] = [];
    for (const item of list as Array<Record<string, unknown> | null>) {
      const first = Number(item?.['first']);
      const second = Number(item?.['second']);
      const entry = CATEGORY_TABLE.find((c) => c.id === second && c.father === first);
      if (!entry) throw new WeChatError(53303);
      if (this.categories.some((c) => c.first === first && c.second === second) || added.some((c) => c.second === second)) throw new WeChatError(53304);
      const certificates = certificatesOf(item?.['certicates']);
      if (entry.sensitive && certificates.length === 0) throw new WeChatError(53311);
      added.push({ first, second, auditStatus: entry.sensitive ? 1 : 3, auditReason: '', certificates });
    }
    if (this.categories.length + added.length > MAX_CATEGORIES) throw new WeChatError(53301);
    this.spend('category', MONTHLY_CATEGORY_CHANGES, 53300);
    this.categories.push(...added);
    return added;
  }

  /** `deletecategory`: 53303 not set, 53308 in review. */
  deleteCategory(first: unknown, second: unknown): void {
    const index = this.categories.findIndex((c) => c.first === Number(first) && c.second === Number(second));
    if (index < 0) throw new WeChatError(53303);
    if (this.categories[index]!.auditStatus === 1) throw new WeChatError(53308);
    this.categories.splice(index, 1);
  }

  /** `modifycategory`: only a rejected category (53307), with a qualification (53311); audited again. */
  modifyCategory(first: unknown, second: unknown, certicates: unknown): SetCategory {
    const category = this.category(first, second);
    if (category.auditStatus !== 2) throw new WeChatError(53307);
    const certificates = certificatesOf(certicates);
    if (certificates.length === 0) throw new WeChatError(53311);
    category.certificates = certificates;
    category.auditStatus = 1;
    category.auditReason = '';
    return category;
  }

  /** A category set on the mini program. @throws WeChatError 53303. */
  category(first: unknown, second: unknown): SetCategory {
    const category = this.categories.find((c) => c.first === Number(first) && c.second === Number(second));
    if (!category) throw new WeChatError(53303);
    return category;
  }

  /** The categories as `getcategory` answers them. */
  categoryView(): Record<string, unknown> {
    this.rollMonth();
    return {
      categories: this.categories.map((c) => ({
        first: c.first,
        first_name: categoryName(c.first),
        second: c.second,
        second_name: categoryName(c.second),
        audit_status: c.auditStatus,
        audit_reason: c.auditReason,
      })),
      limit: MONTHLY_CATEGORY_CHANGES,
      quota: MONTHLY_CATEGORY_CHANGES - this.used.category,
      category_limit: MAX_CATEGORIES,
    };
  }

  private validName(name: unknown, takenBy: (name: string) => boolean): string {
    if (typeof name !== 'string' || name.trim() === '' || [...name].length > 30 || /[<>\s]/.test(name)) throw new WeChatError(53010);
    if (FORBIDDEN_NAME_WORDS.some((word) => name.includes(word))) throw new WeChatError(53012);
    if (takenBy(name)) throw new WeChatError(53013);
    return name;
  }

  private spend(kind: 'signature' | 'headImage' | 'name' | 'category', limit: number, errcode: number): void {
    this.rollMonth();
    if (this.used[kind] >= limit) throw new WeChatError(errcode);
    this.used[kind]++;
  }

  private rollMonth(): void {
    const date = new Date(this.clock() + 8 * 3_600_000);
    const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
    if (month === this.used.month) return;
    Object.assign(this.used, { month, signature: 0, headImage: 0, name: 0, category: 0 });
  }
}

function certificatesOf(value: unknown): Array<{ key: string; value: string }> {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .filter((item) => typeof item['key'] === 'string' && typeof item['value'] === 'string')
    .map((item) => ({ key: item['key'] as string, value: item['value'] as string }));
}
