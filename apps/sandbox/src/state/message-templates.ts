import { WeChatError } from '../common/errors.js';
import { found } from '../common/found.js';
import { derivedUrlSafe } from '../common/ids.js';

/** WeChat's industry table for template messages (a part of it). */
export const INDUSTRIES: Readonly<Record<number, { first_class: string; second_class: string }>> = {
  1: { first_class: 'IT科技', second_class: '互联网/电子商务' },
  2: { first_class: 'IT科技', second_class: 'IT软件与服务' },
  10: { first_class: '餐饮', second_class: '餐饮' },
  16: { first_class: '教育', second_class: '培训' },
  20: { first_class: '医药护理', second_class: '医药医疗' },
  31: { first_class: '消费品', second_class: '消费品' },
  41: { first_class: '其它', second_class: '其它' },
};

/** A template of WeChat's library (`template_id_short`). */
export interface LibraryTemplate {
  readonly title: string;
  readonly industry: number;
  readonly content: string;
  readonly example: string;
}

/** The part of WeChat's template library the sandbox knows. */
export const TEMPLATE_LIBRARY: Readonly<Record<string, LibraryTemplate>> = {
  TM00015: {
    title: '订单支付成功',
    industry: 1,
    content: '{{first.DATA}}\n\n支付金额：{{orderMoneySum.DATA}}\n商品信息：{{orderProductName.DATA}}\n{{Remark.DATA}}',
    example: '我们已收到您的货款，开始为您打包商品，请耐心等待: )\n支付金额：30.00元\n商品信息：我是商品名字\n\n如有问题请致电400-828-1878或直接在微信留言，小易将第一时间为您服务！',
  },
  OPENTM200605630: {
    title: '预约成功通知',
    industry: 10,
    content: '{{first.DATA}}\n预约时间：{{keyword1.DATA}}\n预约门店：{{keyword2.DATA}}\n{{remark.DATA}}',
    example: '您已成功预约\n预约时间：2024年5月1日 12:00\n预约门店：沙盒咖啡馆\n期待您的光临',
  },
  OPENTM207940503: {
    title: '课程开课提醒',
    industry: 16,
    content: '{{first.DATA}}\n课程名称：{{keyword1.DATA}}\n开课时间：{{keyword2.DATA}}\n{{remark.DATA}}',
    example: '您报名的课程即将开课\n课程名称：入门课\n开课时间：周六 9:00\n请准时参加',
  },
};

/** An account's template (`template/get_all_private_template`). */
export interface PrivateTemplate {
  readonly template_id: string;
  readonly title: string;
  readonly primary_industry: string;
  readonly deputy_industry: string;
  readonly content: string;
  readonly example: string;
}

const MAX_TEMPLATES = 25;

/** The industries and templates of one official account's template messages. */
export class MessageTemplates {
  private industries: [number, number] | undefined;
  private readonly templates = new Map<string, PrivateTemplate>();

  constructor(private readonly appId: string) {}

  /** @throws WeChatError 40102 unknown industry id. */
  setIndustry(first: unknown, second: unknown): void {
    const ids = [Number(first), Number(second)] as [number, number];
    if (!ids.every((id) => INDUSTRIES[id] !== undefined)) throw new WeChatError(40102);
    this.industries = ids;
  }

  industry(): { primary_industry: { first_class: string; second_class: string }; secondary_industry: { first_class: string; second_class: string } } {
    const empty = { first_class: '', second_class: '' };
    return {
      primary_industry: this.industries ? { ...INDUSTRIES[this.industries[0]]! } : empty,
      secondary_industry: this.industries ? { ...INDUSTRIES[this.industries[1]]! } : { ...empty },
    };
  }

  /** Adds a library template (40037 unknown, 45026 over 25); adding one twice gives the same id. */
  add(shortId: unknown): PrivateTemplate {
    const source = typeof shortId === 'string' ? TEMPLATE_LIBRARY[shortId] : undefined;
    if (!source) throw new WeChatError(40037);
    const templateId = derivedUrlSafe(43, 'template', this.appId, shortId as string);
    const existing = this.templates.get(templateId);
    if (existing) return existing;
    if (this.templates.size >= MAX_TEMPLATES) throw new WeChatError(45026);
    const industry = INDUSTRIES[source.industry]!;
    const template = {
      template_id: templateId,
      title: source.title,
      primary_industry: industry.first_class,
      deputy_industry: industry.second_class,
      content: source.content,
      example: source.example,
    };
    this.templates.set(templateId, template);
    return template;
  }

  list(): PrivateTemplate[] {
    return [...this.templates.values()];
  }

  /** @throws WeChatError 40037 unknown template id. */
  get(templateId: unknown): PrivateTemplate {
    return found(typeof templateId === 'string' ? this.templates.get(templateId) : undefined, 40037);
  }

  delete(templateId: unknown): void {
    this.templates.delete(this.get(templateId).template_id);
  }
}
