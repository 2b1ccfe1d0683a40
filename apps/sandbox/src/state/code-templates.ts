import { WeChatError } from '../common/errors.js';

/** A code draft uploaded from WeChat DevTools by a developer mini program. */
export interface CodeDraft {
  readonly draftId: number;
  readonly createTime: number;
  readonly userVersion: string;
  readonly userDesc: string;
  readonly sourceAppId: string;
  readonly sourceName: string;
  readonly developer: string;
  /** The pages of the code (`app.json` `pages`). */
  readonly pages: readonly string[];
  /** The privacy keys the code uses (`getprivacysetting` `privacy_list`). */
  readonly privacyKeys: readonly string[];
}

/** A template of the library. */
export interface CodeTemplate extends CodeDraft {
  readonly templateId: number;
  readonly templateType: 0 | 1;
  readonly templateCreateTime: number;
}

/** What a draft upload brings (the control API's stand-in for DevTools). */
export type DraftUpload = { -readonly [K in 'userVersion' | 'userDesc' | 'sourceAppId' | 'sourceName' | 'developer' | 'pages' | 'privacyKeys']?: CodeDraft[K] };

const MAX_TEMPLATES = 200;

/** The draft seeded on start: a developer mini program's last upload. */
export const SEED_DRAFT: DraftUpload = {
  userVersion: '1.0.0',
  userDesc: '沙盒点餐模板',
  sourceAppId: 'wx0000000000dev001',
  sourceName: '沙盒开发小程序',
  developer: '沙盒开发者',
  pages: ['pages/index/index', 'pages/menu/menu', 'pages/order/order', 'pages/logs/logs'],
  privacyKeys: ['UserInfo', 'Location'],
};

/**
 * The platform's code-template library: drafts (one per developer mini program — a new upload replaces its
 * draft) and templates (at most 200, never overwritten), ids counting from 0 as WeChat's do.
 */
export class CodeTemplates {
  private readonly drafts = new Map<string, CodeDraft>();
  private readonly templates = new Map<number, CodeTemplate>();
  private nextDraftId = 0;
  private nextTemplateId = 0;

  constructor(private readonly clock: () => number) {}

  upload(upload: DraftUpload): CodeDraft {
    const sourceAppId = upload.sourceAppId ?? SEED_DRAFT.sourceAppId!;
    const pages = upload.pages ?? SEED_DRAFT.pages!;
    const draft: CodeDraft = {
      draftId: this.nextDraftId++,
      createTime: Math.floor(this.clock() / 1000),
      userVersion: upload.userVersion ?? '1.0.0',
      userDesc: upload.userDesc ?? '',
      sourceAppId,
      sourceName: upload.sourceName ?? '开发小程序',
      developer: upload.developer ?? '开发者',
      pages: [...pages],
      privacyKeys: [...(upload.privacyKeys ?? [])],
    };
    this.drafts.set(sourceAppId, draft);
    return draft;
  }

  listDrafts(): CodeDraft[] {
    return [...this.drafts.values()].sort((a, b) => a.draftId - b.draftId);
  }

  /** @throws WeChatError 85064 unknown draft, 85065 library full. */
  addToTemplate(draftId: unknown, templateType: unknown): CodeTemplate {
    const draft = this.listDrafts().find((d) => d.draftId === Number(draftId));
    if (!draft || draftId === undefined) throw new WeChatError(85064);
    if (this.templates.size >= MAX_TEMPLATES) throw new WeChatError(85065);
    const template: CodeTemplate = {
      ...draft,
      templateId: this.nextTemplateId++,
      templateType: templateType === 1 ? 1 : 0,
      templateCreateTime: Math.floor(this.clock() / 1000),
    };
    this.templates.set(template.templateId, template);
    return template;
  }

  listTemplates(type?: number): CodeTemplate[] {
    return [...this.templates.values()].filter((t) => type === undefined || t.templateType === type);
  }

  /** @throws WeChatError 85014 unknown template (as `wxa/commit` answers). */
  template(templateId: unknown): CodeTemplate {
    const template = this.templates.get(Number(templateId));
    if (!template || templateId === undefined || templateId === '') throw new WeChatError(85014);
    return template;
  }

  /** @throws WeChatError 85064 unknown template. */
  deleteTemplate(templateId: unknown): void {
    if (!this.templates.delete(Number(templateId))) throw new WeChatError(85064);
  }
}

/** A change of the audit quota (the control API's stand-in for WeChat granting more, or a month of use). */
export interface AuditQuotaPatch {
  /** Audits allowed per month. */
  limit?: number;
  /** Audits left this month (≤ limit). */
  rest?: number;
  speedupLimit?: number;
  speedupRest?: number;
}

/** The platform's monthly audit and speed-up quota (`wxa/queryquota`), shared by all its mini programs. */
export class AuditQuota {
  private month = -1;
  private submitted = 0;
  private spedUp = 0;

  constructor(
    private readonly clock: () => number,
    private limit = 100,
    private speedupLimit = 10,
  ) {}

  view(): { rest: number; limit: number; speedup_rest: number; speedup_limit: number } {
    this.roll();
    return { rest: this.limit - this.submitted, limit: this.limit, speedup_rest: this.speedupLimit - this.spedUp, speedup_limit: this.speedupLimit };
  }

  /** Sets the limits and what is left of this month's quota; what is not given stays. */
  set(patch: AuditQuotaPatch): void {
    this.roll();
    const rest = this.limit - this.submitted;
    const speedupRest = this.speedupLimit - this.spedUp;
    if (patch.limit !== undefined) this.limit = patch.limit;
    if (patch.speedupLimit !== undefined) this.speedupLimit = patch.speedupLimit;
    this.submitted = Math.max(0, this.limit - Math.min(patch.rest ?? rest, this.limit));
    this.spedUp = Math.max(0, this.speedupLimit - Math.min(patch.speedupRest ?? speedupRest, this.speedupLimit));
  }

  /** @throws WeChatError 85085 none left this month. */
  useSubmit(): void {
    this.roll();
    if (this.submitted >= this.limit) throw new WeChatError(85085);
    this.submitted++;
  }

  /** @throws WeChatError 89405 none left this month. */
  useSpeedup(): void {
    this.roll();
    if (this.spedUp >= this.speedupLimit) throw new WeChatError(89405);
    this.spedUp++;
  }

  private roll(): void {
    const date = new Date(this.clock() + 8 * 3_600_000);
    const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
    if (month === this.month) return;
    this.month = month;
    this.submitted = 0;
    this.spedUp = 0;
  }
}
