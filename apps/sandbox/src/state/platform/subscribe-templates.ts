import { WeChatError } from '../../common/errors.js';
import { randomUrlSafe } from '../../common/ids.js';

/** A part of WeChat's public subscription-template library. */
export const PUBLIC_TEMPLATES = [
  { tid: 1001, title: '订单发货提醒', type: 2, categoryId: 221, keywords: [
    { kid: 1, name: '订单号', example: '1234567890', rule: 'character_string' },
    { kid: 2, name: '商品名称', example: '拿铁咖啡', rule: 'thing' },
    { kid: 3, name: '发货时间', example: '2026-05-01 12:00', rule: 'time' },
    { kid: 4, name: '快递公司', example: '顺丰速运', rule: 'thing' },
  ] },
  { tid: 1002, title: '取餐提醒', type: 2, categoryId: 221, keywords: [
    { kid: 1, name: '取餐号', example: 'A023', rule: 'character_string' },
    { kid: 2, name: '门店', example: '沙盒咖啡馆', rule: 'thing' },
    { kid: 3, name: '备注', example: '请到前台取餐', rule: 'thing' },
  ] },
  { tid: 2001, title: '待办事项提醒', type: 2, categoryId: 616, keywords: [
    { kid: 1, name: '事项', example: '周会', rule: 'thing' },
    { kid: 2, name: '时间', example: '2026-05-01 09:00', rule: 'time' },
  ] },
] as const;

const CATEGORY_NAMES: Readonly<Record<number, string>> = { 616: '效率', 221: '点餐平台' };
const MAX_TEMPLATES = 50;

interface PrivateTemplate {
  readonly priTmplId: string;
  readonly tid: number;
  readonly kids: readonly number[];
  readonly sceneDesc: string;
}

/** The subscription-message templates of one account (`wxaapi/newtmpl/*`). */
export class SubscribeTemplates {
  private readonly templates = new Map<string, PrivateTemplate>();

  /** `getcategory`: the categories of the account (every simulated one has these two). */
  categories(): Array<{ id: number; name: string }> {
    return Object.entries(CATEGORY_NAMES).map(([id, name]) => ({ id: Number(id), name }));
  }

  /** `getpubtemplatetitles`: ids missing 200018, unknown 200019, start 200016, limit 1–30 200017. */
  titles(ids: unknown, start: unknown, limit: unknown): { count: number; data: unknown[] } {
    if (typeof ids !== 'string' || ids === '') throw new WeChatError(200018);
    const wanted = ids.split(',').map(Number);
    if (wanted.some((id) => CATEGORY_NAMES[id] === undefined)) throw new WeChatError(200019);
    const from = start === undefined ? 0 : Number(start);
    const count = limit === undefined ? 30 : Number(limit);
    if (!Number.isInteger(from) || from < 0) throw new WeChatError(200016);
    if (!Number.isInteger(count) || count < 1 || count > 30) throw new WeChatError(200017);
    const matching = PUBLIC_TEMPLATES.filter((t) => wanted.includes(t.categoryId));
    return {
      count: matching.length,
      data: matching.slice(from, from + count).map((t) => ({ tid: t.tid, title: t.title, type: t.type, categoryId: String(t.categoryId) })),
    };
  }

  /** `getpubtemplatekeywords`: unknown tid 200014. */
  keywords(tid: unknown): { count: number; data: unknown[] } {
    const template = this.publicTemplate(tid);
    return { count: template.keywords.length, data: template.keywords.map((k) => ({ ...k })) };
  }

  /** `addtemplate`: 2–5 keywords of the template (200020), a scene description ≤ 15 (200021), 50 at most (200012). */
  add(body: Record<string, unknown>): string {
    const template = this.publicTemplate(body['tid']);
    const kids = body['kidList'];
    if (!Array.isArray(kids) || kids.length < 2 || kids.length > 5 || new Set(kids).size !== kids.length) throw new WeChatError(200020);
    if (!kids.every((kid) => template.keywords.some((k) => k.kid === kid))) throw new WeChatError(200020);
    const sceneDesc = body['sceneDesc'] ?? '';
    if (typeof sceneDesc !== 'string' || [...sceneDesc].length > 15) throw new WeChatError(200021);
    if (this.templates.size >= MAX_TEMPLATES) throw new WeChatError(200012);
    const priTmplId = randomUrlSafe(43);
    this.templates.set(priTmplId, { priTmplId, tid: template.tid, kids: kids as number[], sceneDesc });
    return priTmplId;
  }

  /** `deltemplate`: 40037 unknown. */
  delete(priTmplId: unknown): void {
    if (typeof priTmplId !== 'string' || !this.templates.delete(priTmplId)) throw new WeChatError(40037);
  }

  /** Whether the account has the template (`message/subscribe/send` could check it). */
  has(priTmplId: string): boolean {
    return this.templates.has(priTmplId);
  }

  /** `gettemplate`'s `data`. */
  list(): Array<Record<string, unknown>> {
    return [...this.templates.values()].map((t) => {
      const template = PUBLIC_TEMPLATES.find((p) => p.tid === t.tid)!;
      const keywords = t.kids.map((kid) => template.keywords.find((k) => k.kid === kid)!);
      return {
        priTmplId: t.priTmplId,
        title: template.title,
        content: keywords.map((k, i) => `${k.name}:{{${k.rule}${i + 1}.DATA}}`).join('\n'),
        example: keywords.map((k) => `${k.name}:${k.example}`).join('\n'),
        type: template.type,
      };
    });
  }

  private publicTemplate(tid: unknown): (typeof PUBLIC_TEMPLATES)[number] {
    const template = PUBLIC_TEMPLATES.find((t) => t.tid === Number(tid));
    if (!template) throw new WeChatError(200014);
    return template;
  }
}
